import type { Finding } from '../../../src-shared/ipc/contract';

/** The findings, problems first: what support staff read first. */
export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  if (findings.length === 0)
    return (
      <p className="health-ok" role="status" aria-label="Findings">
        No problems found: events arrive from every provider seen before, with provider, type and unique ids.
      </p>
    );
  return (
    <ul className="health-findings" aria-label="Findings">
      {findings.map((f, i) => (
        <li key={`${f.code}-${i}`} className={`health-finding health-finding-${f.severity}`}>
          <span className="health-severity">{f.severity === 'problem' ? 'Problem' : 'Warning'}</span>
          <strong>{f.title}</strong>
          <span className="health-finding-detail">{f.detail}</span>
        </li>
      ))}
    </ul>
  );
}
