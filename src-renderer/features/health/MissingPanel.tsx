import type { MissingFields } from '../../../src-shared/ipc/contract';
import { formatCount, pluralize } from '../../lib/format';

/** Events stored without event.provider / event.type (Grail keeps them as "unknown"). */
export function MissingPanel({ missing }: { missing: MissingFields }) {
  return (
    <>
      <p className="health-summary">
        Of {pluralize(missing.total, 'event')}: {formatCount(missing.missingProvider)} without event.provider,{' '}
        {formatCount(missing.missingType)} without event.type.
      </p>
      {missing.byProvider.length > 0 && (
        <table className="health-table" aria-label="Events missing fields, by provider">
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col" className="num">
                Without provider
              </th>
              <th scope="col" className="num">
                Without type
              </th>
              <th scope="col" className="num">
                Events
              </th>
            </tr>
          </thead>
          <tbody>
            {missing.byProvider.map((p) => (
              <tr key={p.provider}>
                <td>{p.provider}</td>
                <td className="num">{formatCount(p.missingProvider)}</td>
                <td className="num">{formatCount(p.missingType)}</td>
                <td className="num">{formatCount(p.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
