import { useState } from 'react';
import type { SavedQuery } from '../../../src-shared/ipc/contract';
import { SearchableListPanel } from './SearchableListPanel';

interface SavedQueriesPanelProps {
  queries: readonly SavedQuery[];
  onOpen: (query: SavedQuery) => void;
  onRemove: (id: string) => void;
}

/** Named queries of this environment and the global ones, each reopenable in a new tab. */
export function SavedQueriesPanel({ queries, onOpen, onRemove }: SavedQueriesPanelProps) {
  const [search, setSearch] = useState('');
  const needle = search.trim().toLowerCase();
  const shown = needle
    ? queries.filter((q) => q.name.toLowerCase().includes(needle) || q.query.toLowerCase().includes(needle))
    : queries;
  return (
    <SearchableListPanel
      title="Saved queries"
      searchLabel="Search saved queries"
      search={search}
      onSearch={setSearch}
      listLabel="Saved queries list"
      all={queries}
      shown={shown}
      noMatch="No saved query matches."
      empty="No saved queries yet."
      renderItem={(q) => (
        <li key={q.id} className="history-item">
          <div className="history-text">
            <strong>{q.name}</strong>
            <code className="history-query">{q.query}</code>
            <span className="hint">{q.environmentId === null ? 'All environments' : 'This environment'}</span>
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
      )}
    />
  );
}
