import type { ProviderActivity } from '../../../src-shared/ipc/contract';
import { formatCount } from '../../lib/format';
import { fullTime } from './time-label';

function statusOf(p: ProviderActivity): string {
  if (p.silent) return 'Silent';
  if (p.canary) return 'Bizlens canary';
  return p.current > 0 ? 'Active' : 'No events';
}

/** Last seen per provider; providers that went silent since the previous period come first. */
export function ProvidersPanel({ providers }: { providers: readonly ProviderActivity[] }) {
  if (providers.length === 0)
    return <p className="health-empty">No provider sent events in either period.</p>;
  return (
    <table className="health-table" aria-label="Providers">
      <thead>
        <tr>
          <th scope="col">Provider</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Events now
          </th>
          <th scope="col" className="num">
            Previous period
          </th>
          <th scope="col">Last seen</th>
        </tr>
      </thead>
      <tbody>
        {providers.map((p) => (
          <tr key={p.provider} className={p.silent ? 'health-row-problem' : undefined}>
            <td>{p.provider}</td>
            <td>{statusOf(p)}</td>
            <td className="num">{formatCount(p.current)}</td>
            <td className="num">{formatCount(p.previous)}</td>
            <td>{fullTime(p.lastSeen)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
