import type { ExportFormat } from '../../../src-shared/results/export';
import { formatCount, pluralize } from '../../lib/format';
import { CHART_LABELS, type ChartKind } from './chart-spec';
import type { PageLoadError } from './load-pages';

export type ExportChoice = ExportFormat | 'csv-formatted' | 'parquet';

interface ResultsToolbarProps {
  filter: string;
  onFilterChange: (text: string) => void;
  utc: boolean;
  onUtcChange: (utc: boolean) => void;
  shown: number;
  total: number;
  /** Records the whole result holds while later pages are still arriving. */
  expectedTotal: number | undefined;
  /** Why the remaining records stopped arriving, and how to ask again. */
  pageError: PageLoadError | undefined;
  onRetryPages: (() => void) | undefined;
  onExport: (choice: ExportChoice) => void;
  /** Records written so far while an export is being built. */
  exporting?: { done: number; total: number };
  /** What the last export did (saved, downloaded, failed). */
  exportMessage: string;
  /** The charts this result can be shown as, and the one shown (undefined: the table). */
  charts: ChartKind[];
  view: ChartKind | undefined;
  onViewChange: (view: ChartKind | undefined) => void;
  columnsOpen: boolean;
  onColumnsToggle: () => void;
  compare: { canKeep: boolean; onKeep: () => void; available: boolean; open: boolean; toggle: () => void };
}

const EXPORTS: { choice: ExportChoice; label: string; what: string }[] = [
  { choice: 'csv', label: 'Export CSV', what: 'CSV with values as sent (exact longs, ISO timestamps)' },
  { choice: 'csv-formatted', label: 'Export CSV (formatted)', what: 'CSV as the table shows values' },
  { choice: 'json', label: 'Export JSON', what: 'JSON' },
  { choice: 'ndjson', label: 'Export NDJSON', what: 'NDJSON' },
  { choice: 'parquet', label: 'Export Parquet', what: 'Parquet with typed columns' },
];

/** Filter within the loaded result, the time display toggle, views, columns, compare and export. */
export function ResultsToolbar(props: ResultsToolbarProps) {
  const { filter, onFilterChange, utc, onUtcChange, shown, total, onExport, exporting } = props;
  const { charts, view, onViewChange, compare } = props;
  return (
    <div className="results-toolbar" role="toolbar" aria-label="Result actions">
      <input
        type="search"
        className="results-filter"
        aria-label="Filter results"
        placeholder="Search loaded records…"
        value={filter}
        onChange={(e) => onFilterChange(e.target.value)}
      />
      <span className="results-count" role="status" aria-label="Record count">
        {shown === total
          ? pluralize(total, 'record')
          : `${formatCount(shown)} of ${pluralize(total, 'record')}`}
      </span>
      {props.expectedTotal !== undefined && total < props.expectedTotal && props.pageError && (
        <span className="results-load-failed" role="alert" aria-label="Loading more records failed">
          Loading stopped at {formatCount(total)} / {formatCount(props.expectedTotal)} records:{' '}
          {props.pageError.message}
          {props.pageError.retryable && props.onRetryPages && (
            <>
              {' '}
              <button type="button" className="button" onClick={props.onRetryPages}>
                Retry
              </button>
            </>
          )}
        </span>
      )}
      {props.expectedTotal !== undefined && total < props.expectedTotal && !props.pageError && (
        <span className="results-loading-more" role="status" aria-label="Loading more records">
          <progress aria-hidden="true" max={props.expectedTotal} value={total} /> Loading more…{' '}
          {formatCount(total)} / {formatCount(props.expectedTotal)} loaded
        </span>
      )}
      <label className="results-utc">
        <input type="checkbox" checked={utc} onChange={(e) => onUtcChange(e.target.checked)} /> Times in UTC
        (ISO)
      </label>
      <button
        type="button"
        className="button"
        aria-pressed={props.columnsOpen}
        onClick={props.onColumnsToggle}
      >
        Columns
      </button>
      {charts.length > 0 && (
        <span className="results-views" role="group" aria-label="Chart views">
          {charts.map((kind) => (
            <button
              key={kind}
              type="button"
              className="button"
              aria-pressed={view === kind}
              title={
                view === kind
                  ? 'Back to the table'
                  : `Show the loaded records as a ${CHART_LABELS[kind].toLowerCase()}`
              }
              onClick={() => onViewChange(view === kind ? undefined : kind)}
            >
              {CHART_LABELS[kind]}
            </button>
          ))}
        </span>
      )}
      <span className="results-compare" role="group" aria-label="Compare">
        <button
          type="button"
          className="button"
          disabled={!compare.canKeep}
          onClick={compare.onKeep}
          title="Keep this result to compare a later run (or another environment) with it"
        >
          Keep as baseline
        </button>
        {compare.available && (
          <button type="button" className="button" aria-pressed={compare.open} onClick={compare.toggle}>
            Compare with baseline
          </button>
        )}
      </span>
      <span className="results-export" role="group" aria-label="Export">
        {EXPORTS.map(({ choice, label, what }) => (
          <button
            key={choice}
            type="button"
            className="button"
            disabled={exporting !== undefined}
            onClick={() => onExport(choice)}
            title={`Save the ${shown === total ? 'loaded' : 'filtered'} records as ${what}: the visible columns, in the order shown`}
          >
            {label}
          </button>
        ))}
        {exporting && (
          <progress aria-label="Export progress" max={Math.max(1, exporting.total)} value={exporting.done} />
        )}
        <span role="status" aria-label="Export status" className="results-export-status">
          {props.exportMessage}
        </span>
      </span>
    </div>
  );
}
