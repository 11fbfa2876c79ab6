import { useId, useState } from 'react';
import type { SavedQuery } from '../../../src-shared/ipc/contract';

interface SavedQueriesPanelProps {
  queries: readonly SavedQuery[];
  onOpen: (query: SavedQuery) => void;
  onRemove: (id: string) => void;
}

/** Named queries of this environment and the global ones, each reopenable in a new tab. */
export function SavedQueriesPanel({ queries, onOpen, onRemove }: SavedQueriesPanelProps) {
  const [search, setSearch] = useState('');
  const headingId = useId();
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? queries.filter((q) => q.name.toLowerCase().includes(needle) || q.query.toLowerCase().includes(needle))
    : queries;
  return (
    <section className="history-panel" aria-labelledby={headingId}>
      <div className="history-header">
        <h3 id={headingId}>Saved queries</h3>
        <input
          type="search"
          aria-label="Search saved queries"
          placeholder="Search saved queries"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
      </div>
      {shown.length === 0 ? (
        <p className="hint history-empty">
          {queries.length ? 'No saved query matches.' : 'No saved queries yet.'}
        </p>
      ) : (
        <ul className="history-list" aria-label="Saved queries list">
          {shown.map((q) => (
            <li key={q.id} className="history-item">
              <div className="history-text">
                <strong>{q.name}</strong>
                <code className="history-query">{q.query}</code>
                <span className="hint">
                  {q.environmentId === null ? 'All environments' : 'This environment'}
                </span>
              </div>
              <button type="button" className="button button-small" onClick={() => onOpen(q)}>
                Open
              </button>
              <button
                type="button"
                className="button button-small"
                aria-label={`Delete ${q.name}`}
                onClick={() => onRemove(q.id)}
              >
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
