import { useState } from 'react';
import type { QueryHistoryEntry } from '../../../src-shared/ipc/contract';
import { describeRun, searchHistory } from './history';
import { SearchableListPanel } from './SearchableListPanel';

interface HistoryPanelProps {
  entries: readonly QueryHistoryEntry[];
  onOpen: (query: string) => void;
  onStar: (id: string, starred: boolean) => void;
}

/** The environment's past runs: searchable, starrable, each reopenable in a new tab. */
export function HistoryPanel({ entries, onOpen, onStar }: HistoryPanelProps) {
  const [search, setSearch] = useState('');
  const shown = searchHistory(entries, search);
  return (
    <SearchableListPanel
      title="Query history"
      searchLabel="Search history"
      search={search}
      onSearch={setSearch}
      listLabel="Past queries"
      all={entries}
      shown={shown}
      noMatch="No run matches."
      empty="No queries run here yet."
      renderItem={(e) => (
        <li key={e.id} className="history-item">
          <button
            type="button"
            className="history-star"
            aria-pressed={e.starred}
            aria-label={e.starred ? 'Unstar' : 'Star'}
            aria-describedby={`history-query-${e.id}`}
            title={e.starred ? 'Starred: kept when the history is trimmed' : 'Star to keep'}
            onClick={() => onStar(e.id, !e.starred)}
          >
            {e.starred ? '★' : '☆'}
          </button>
          <div className="history-text">
            <code className="history-query" id={`history-query-${e.id}`}>
              {e.query}
            </code>
            <span className="hint">
              <time dateTime={e.ranAt}>{new Date(e.ranAt).toLocaleString()}</time> · {describeRun(e)}
            </span>
          </div>
          <button type="button" className="button button-small" onClick={() => onOpen(e.query)}>
            Open in new tab
          </button>
        </li>
      )}
    />
  );
}
