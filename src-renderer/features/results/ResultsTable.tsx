import { useMemo, useState } from 'react';
import type { TableResult } from '../../../src-shared/results/record-table';
import type { PageLoadError } from './load-pages';
import { EMPTY_LAYOUT, type ColumnLayout } from '../../../src-shared/results/column-layout';
import { deriveColumns } from './columns';
import type { Baseline } from './ComparePanel';
import { ResultsGrid } from './ResultsGrid';
import './results.css';

interface ResultsTableProps {
  result: TableResult | undefined;
  /** A newer run is under way; the grid still shows the last result. */
  busy: boolean;
  /** "Add filter from this value": receives a `| filter …` line for the query. */
  onAddFilter?: (clause: string) => void;
  /** Offered by the truncation banner: run again with a higher record limit. */
  onFetchMore?: () => void;
  /** How many records the whole result holds when later pages are still to arrive. */
  expectedTotal?: number;
  /** Why the rest of a paged result stopped arriving, and a way to ask for it again. */
  pageError?: PageLoadError;
  onRetryPages?: () => void;
}

/**
 * The query result of one tab as a virtualized, sortable table named "Query results". This
 * component lives as long as its query tab, so what is kept here — the column layout (order,
 * hidden, pinned, widths) and the compare baseline — is remembered per tab across runs.
 */
export function ResultsTable(props: ResultsTableProps) {
  const { result, busy, onAddFilter, onFetchMore, expectedTotal, pageError, onRetryPages } = props;
  const columns = useMemo(() => (result ? deriveColumns(result) : []), [result]);
  const [layout, setLayout] = useState<ColumnLayout>(EMPTY_LAYOUT);
  const [baseline, setBaseline] = useState<Baseline | null>(null);
  if (!result) {
    return (
      <div className="results-placeholder" aria-busy={busy}>
        {busy ? 'Waiting for the first records…' : 'Run a query to see its records here.'}
      </div>
    );
  }
  // A different column set starts with fresh sorting; the same set keeps it across runs.
  return (
    <ResultsGrid
      key={columns.join('\u0000')}
      result={result}
      columns={columns}
      busy={busy}
      layout={layout}
      onLayoutChange={setLayout}
      baseline={baseline}
      onKeepBaseline={() => setBaseline({ result, keptAt: new Date().toLocaleTimeString() })}
      onAddFilter={onAddFilter}
      onFetchMore={onFetchMore}
      expectedTotal={expectedTotal}
      pageError={pageError}
      onRetryPages={onRetryPages}
    />
  );
}
