import { useState } from 'react';
import type { DiagnosticsReport } from '../../../src-shared/ipc/contract';

const STATUS_TEXT = { ok: 'OK', warn: 'Warning', fail: 'Failed', skip: 'Skipped' } as const;
const SCOPE_TEXT = {
  granted: 'granted',
  missing: 'missing',
  'not-requested': 'not requested',
  unknown: 'not checked',
} as const;

/** The result of "Test connection": checks, scopes per feature, the policy to add, the report. */
export function DiagnosticsPanel({ report }: { report: DiagnosticsReport }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(report.report);
      setCopied('Copied.');
    } catch {
      setCopied('Copying is not allowed here: select the report text and copy it.');
    }
  };
  const failed = report.checks.filter((c) => c.status === 'fail').length;

  return (
    <section className="diagnostics" aria-label="Connection test">
      <p role="status" aria-label="Connection test summary" className={failed ? 'hint hint-error' : 'hint'}>
        {failed ? `${failed} check${failed > 1 ? 's' : ''} failed.` : 'All checks passed.'}
      </p>
      <ul className="check-list" aria-label="Connection test results">
        {report.checks.map((c) => (
          <li key={c.id} className={`check check-${c.status}`}>
            <span className="check-status">{STATUS_TEXT[c.status]}</span>
            <span className="check-label">{c.label}</span>
            <span className="check-message">{c.message}</span>
          </li>
        ))}
      </ul>
      <table className="scope-table" aria-label="Scopes per feature">
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Scope</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {report.scopes.map((s) => (
            <tr key={s.scope} className={`scope-${s.status}`}>
              <td>{s.label}</td>
              <td>
                <code>{s.scope}</code>
              </td>
              <td>{SCOPE_TEXT[s.status]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.missingScopes.length > 0 && (
        <div className="policy">
          <p>
            Missing: <strong>{report.missingScopes.join(', ')}</strong>. Grant the scope to the OAuth client
            and add this statement to the IAM policy bound to its service user:
          </p>
          <pre aria-label="Suggested IAM policy">{report.policy.join('\n')}</pre>
        </div>
      )}
      <label className="inline-label" htmlFor="diagnostics-report">
        Report (secrets removed)
      </label>
      <textarea
        id="diagnostics-report"
        className="report-text"
        aria-label="Diagnostics report"
        readOnly
        value={report.report}
        rows={8}
      />
      <div className="toolbar">
        <button type="button" className="button button-small" onClick={() => void copy()}>
          Copy report
        </button>
        {copied && <span role="status">{copied}</span>}
      </div>
    </section>
  );
}
