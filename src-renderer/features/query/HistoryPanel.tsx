import { useId, useState } from 'react';
import type { QueryHistoryEntry } from '../../../src-shared/ipc/contract';
import { describeRun, searchHistory } from './history';

interface HistoryPanelProps {
  entries: readonly QueryHistoryEntry[];
  onOpen: (query: string) => void;
  onStar: (id: string, starred: boolean) => void;
}

/** The environment's past runs: searchable, starrable, each reopenable in a new tab. */
export function HistoryPanel({ entries, onOpen, onStar }: HistoryPanelProps) {
  const [search, setSearch] = useState('');
  const headingId = useId();
  const shown = searchHistory(entries, search);
  return (
    <section className="history-panel" aria-labelledby={headingId}>
      <div className="history-header">
        <h3 id={headingId}>Query history</h3>
        <input
          type="search"
          aria-label="Search history"
          placeholder="Search history"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {shown.length === 0 ? (
        <p className="hint history-empty">
          {entries.length ? 'No run matches.' : 'No queries run here yet.'}
        </p>
      ) : (
        <ul className="history-list" aria-label="Past queries">
          {shown.map((e) => (
            <li key={e.id} className="history-item">
              <button
                type="button"
                className="history-star"
                aria-pressed={e.starred}
                aria-label={e.starred ? 'Unstar' : 'Star'}
                title={e.starred ? 'Starred: kept when the history is trimmed' : 'Star to keep'}
                onClick={() => onStar(e.id, !e.starred)}
              >
                {e.starred ? '★' : '☆'}
              </button>
              <div className="history-text">
                <code className="history-query">{e.query}</code>
                <span className="hint">
                  <time dateTime={e.ranAt}>{new Date(e.ranAt).toLocaleString()}</time> · {describeRun(e)}
                </span>
              </div>
              <button type="button" className="button button-small" onClick={() => onOpen(e.query)}>
                Open in new tab
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
