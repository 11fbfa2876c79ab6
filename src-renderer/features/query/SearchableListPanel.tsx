import { useId, type ReactNode } from 'react';

interface SearchableListPanelProps<T> {
  title: string;
  /** Accessible name and placeholder of the search box. */
  searchLabel: string;
  search: string;
  onSearch: (search: string) => void;
  listLabel: string;
  /** Everything there is, and what the search left of it. */
  all: readonly T[];
  shown: readonly T[];
  noMatch: string;
  empty: string;
  renderItem: (item: T) => ReactNode;
}

/** The frame the history and saved-queries panels share: a heading, a search box and a list. */
export function SearchableListPanel<T>(props: SearchableListPanelProps<T>) {
  const headingId = useId();
  return (
    <section className="history-panel" aria-labelledby={headingId}>
      <div className="history-header">
        <h3 id={headingId}>{props.title}</h3>
        <input
          type="search"
          aria-label={props.searchLabel}
          placeholder={props.searchLabel}
          value={props.search}
          onChange={(e) => props.onSearch(e.target.value)}
        />
      </div>
      {props.shown.length === 0 ? (
        <p className="hint history-empty">{props.all.length ? props.noMatch : props.empty}</p>
      ) : (
        <ul className="history-list" aria-label={props.listLabel}>
          {props.shown.map(props.renderItem)}
        </ul>
      )}
    </section>
  );
}
