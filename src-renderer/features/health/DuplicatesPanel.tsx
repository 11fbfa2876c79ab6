import type { Duplicates } from '../../../src-shared/ipc/contract';
import { formatCount, pluralize } from '../../lib/format';

/** event.ids stored more than once (Grail does not deduplicate them). */
export function DuplicatesPanel({ duplicates }: { duplicates: Duplicates }) {
  if (duplicates.duplicatedIds === 0) return <p className="health-empty">Every event.id is stored once.</p>;
  return (
    <>
      <p className="health-summary">
        {pluralize(duplicates.duplicatedIds, 'event.id')} stored more than once
        {duplicates.truncated
          ? ` (the first ${formatCount(duplicates.ids.length)} listed; there are more)`
          : ''}
        , {pluralize(duplicates.extraCopies, 'extra copy', 'extra copies')}.
      </p>
      <table className="health-table" aria-label="Duplicate event.ids">
        <thead>
          <tr>
            <th scope="col">event.id</th>
            <th scope="col" className="num">
              Copies
            </th>
            <th scope="col">Providers</th>
          </tr>
        </thead>
        <tbody>
          {duplicates.ids.map((d) => (
            <tr key={d.eventId}>
              <td className="mono">{d.eventId}</td>
              <td className="num">{formatCount(d.copies)}</td>
              <td>{d.providers.join(', ')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
