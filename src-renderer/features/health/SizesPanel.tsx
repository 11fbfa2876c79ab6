import { formatBytes } from '../../../src-shared/health/sizes';
import type { SizeDistribution } from '../../../src-shared/ipc/contract';
import { formatCount, pluralize } from '../../lib/format';

/** How big events are, measured over the newest ones (DQL cannot measure a whole record). */
export function SizesPanel({ sizes }: { sizes: SizeDistribution }) {
  if (sizes.sampled === 0) return <p className="health-empty">No events to measure.</p>;
  const most = Math.max(1, ...sizes.buckets.map((b) => b.count));
  return (
    <>
      <p className="health-summary">
        Of the newest {pluralize(sizes.sampled, 'event')}: median {formatBytes(sizes.p50Bytes)}, p95{' '}
        {formatBytes(sizes.p95Bytes)}, largest {formatBytes(sizes.maxBytes)}
        {sizes.largest ? ` (event.id ${sizes.largest.eventId}, ${sizes.largest.provider})` : ''}.
      </p>
      <table className="health-table" aria-label="Event sizes">
        <thead>
          <tr>
            <th scope="col">Size</th>
            <th scope="col" className="num">
              Events
            </th>
            <th scope="col" aria-hidden="true" />
          </tr>
        </thead>
        <tbody>
          {sizes.buckets.map((b) => (
            <tr key={b.label}>
              <td>{b.label}</td>
              <td className="num">{formatCount(b.count)}</td>
              <td className="health-bar-cell" aria-hidden="true">
                <span className="health-bar" style={{ width: `${(100 * b.count) / most}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint health-note">
        Measured as the JSON the query API returns (with Grail’s own fields) for the newest{' '}
        {pluralize(sizes.sampled, 'event')} (at most {formatCount(sizes.sampleLimit)}): DQL has no function
        for the size of a whole record.
      </p>
    </>
  );
}
