import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnSizingState,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { QueryResult, ResultRecord } from '../../../src-shared/grail/wire';
import {
  deriveColumns,
  FieldTypeLookup,
  formatCell,
  initialColumnWidth,
  isNumericType,
  sampleTextLengths,
  sortedOrder,
} from './columns';
import { rowAsJson, tsvField } from '../../../src-shared/results/copy-text';
import { EXPORT_MIME, toCsv, toJson, toNdjson, type ExportFormat } from '../../../src-shared/results/export';
import type { ValueFormatOptions } from '../../../src-shared/results/value-format';
import { copyText, downloadText } from './download';
import { barChartData } from '../../../src-shared/results/chart-data';
import { RecordDetail } from './RecordDetail';
import { ResultsChart } from './ResultsChart';
import { ResultsToolbar } from './ResultsToolbar';
import { isTruncated, matchingRows } from './row-filter';
import { TruncationBanner } from './TruncationBanner';
import './results.css';

/** TanStack Table owns columns, headers, sorting state and widths; rows are record positions. */
type ResultRow = ResultRecord | null;

/** The grid never asks TanStack for rows (v8 builds a heavy object per row), so it gets none. */
const NO_ROWS: ResultRow[] = [];

const ROW_HEIGHT = 24;
// Module-level so its identity is stable: a new function per render makes the virtualizer
// recompute every row's offset (O(rows)) on each scroll frame.
const estimateRowHeight = () => ROW_HEIGHT;
const CELL_TEXT_LIMIT = 1000;

interface ResultsTableProps {
  result: QueryResult | undefined;
  /** A newer run is under way; the grid still shows the last result. */
  busy: boolean;
  /** "Add filter from this value": receives a `| filter …` line for the query. */
  onAddFilter?: (clause: string) => void;
  /** Offered by the truncation banner: run again with a higher record limit. */
  onFetchMore?: () => void;
}

/** The query result as a virtualized, sortable table named "Query results". */
export function ResultsTable({ result, busy, onAddFilter, onFetchMore }: ResultsTableProps) {
  const columns = useMemo(() => (result ? deriveColumns(result) : []), [result]);
  if (!result) {
    return (
      <div className="results-placeholder" aria-busy={busy}>
        {busy ? 'Waiting for the first records…' : 'Run a query to see its records here.'}
      </div>
    );
  }
  // A different column set starts with fresh sorting and widths; the same set keeps them across runs.
  return (
    <ResultsGrid
      key={columns.join('\u0000')}
      result={result}
      columns={columns}
      busy={busy}
      onAddFilter={onAddFilter}
      onFetchMore={onFetchMore}
    />
  );
}

interface ResultsGridProps {
  result: QueryResult;
  columns: string[];
  busy: boolean;
  onAddFilter: ((clause: string) => void) | undefined;
  onFetchMore: (() => void) | undefined;
}

/** The selected cell: a display position and a column. */
interface Selection {
  row: number;
  column: string;
}

const EXPORT_WRITERS: Record<
  ExportFormat,
  (r: QueryResult['records'], c: string[], rows?: Int32Array) => string
> = {
  csv: (records, columns, rows) => toCsv(records, columns, rows),
  json: (records, _columns, rows) => toJson(records, rows),
  ndjson: (records, _columns, rows) => toNdjson(records, rows),
};

function ResultsGrid({ result, columns, busy, onAddFilter, onFetchMore }: ResultsGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnSizing, setColumnSizing] = useState<ColumnSizingState>({});
  const [utc, setUtc] = useState(false);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [detailOpen, setDetailOpen] = useState(false);
  const [chartShown, setChartShown] = useState(false);
  const display = useMemo<ValueFormatOptions>(() => ({ zone: utc ? 'utc' : 'local' }), [utc]);

  const lookup = useMemo(() => new FieldTypeLookup(result.types), [result.types]);
  const columnDefs = useMemo<ColumnDef<ResultRow>[]>(() => {
    const longest = sampleTextLengths(result.records, columns, lookup, 200, { zone: 'local' });
    return columns.map((name) => {
      const type = lookup.columnType(name);
      return {
        id: name,
        header: name,
        accessorFn: (record) => record?.[name],
        size: initialColumnWidth(name, type, longest.get(name)),
        minSize: 48,
        maxSize: 2000,
        sortDescFirst: false,
      };
    });
  }, [columns, lookup, result.records]);

  // TanStack Table keeps its own memoization; the React Compiler must not memoize around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: NO_ROWS,
    columns: columnDefs,
    state: { sorting, columnSizing },
    onSortingChange: setSorting,
    onColumnSizingChange: setColumnSizing,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
  });
  const leafColumns = table.getVisibleLeafColumns();

  const records = result.records;
  const order = useMemo(
    () =>
      sortedOrder(
        records,
        sorting.map((s) => ({
          field: s.id,
          desc: s.desc,
          numeric: isNumericType(lookup.columnType(s.id)),
          timestamp: lookup.columnType(s.id) === 'timestamp',
        })),
      ),
    [records, sorting, lookup],
  );
  // Display position → record position, after sorting and the filter; null means identity.
  const shown = useMemo(
    () => matchingRows(records, columns, deferredFilter, order),
    [records, columns, deferredFilter, order],
  );
  const rowCount = shown ? shown.length : records.length;
  const recordAt = useCallback((position: number) => (shown ? shown[position]! : position), [shown]);

  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateRowHeight,
    overscan: 12,
  });

  // A new result, a new order or a new filter starts at its first record, with nothing selected.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setSelection(null);
  }, [result, sorting, deferredFilter]);

  // The chart draws the rows as shown (sorted, filtered), from the loaded result: no re-run.
  const bars = useMemo(() => {
    const rows = shown ?? order;
    const shownRecords = rows ? Array.from(rows, (i) => records[i] ?? null) : records;
    return barChartData(shownRecords, columns, (c) => lookup.columnType(c));
  }, [shown, order, records, columns, lookup]);

  const selectedRecord = selection && selection.row < rowCount ? recordAt(selection.row) : undefined;

  const exportAs = (format: ExportFormat) => {
    const text = EXPORT_WRITERS[format](records, columns, shown ?? order ?? undefined);
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    downloadText(text, `bizlens-result-${stamp}.${format}`, EXPORT_MIME[format]);
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rowCount === 0 || e.target !== e.currentTarget) return;
    const current = selection ?? { row: 0, column: columns[0] ?? '' };
    const col = Math.max(0, columns.indexOf(current.column));
    const move = (row: number, c: number) => {
      const next = {
        row: Math.min(rowCount - 1, Math.max(0, row)),
        column: columns[Math.min(columns.length - 1, Math.max(0, c))]!,
      };
      setSelection(next);
      virtualizer.scrollToIndex(next.row);
      e.preventDefault();
    };
    if (e.key === 'ArrowDown') move(selection ? current.row + 1 : 0, col);
    else if (e.key === 'ArrowUp') move(current.row - 1, col);
    else if (e.key === 'ArrowRight') move(current.row, col + 1);
    else if (e.key === 'ArrowLeft') move(current.row, col - 1);
    else if (e.key === 'Enter' && selection) setDetailOpen(true);
    else if (e.key === 'Escape' && detailOpen) setDetailOpen(false);
    else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'c' && selectedRecord !== undefined) {
      const record = records[selectedRecord];
      void copyText(e.shiftKey ? rowAsJson(record) : tsvField(record?.[current.column]));
      e.preventDefault();
    }
  };

  const items = virtualizer.getVirtualItems();
  const totalWidth = Math.max(table.getTotalSize(), 1);
  const numericColumn = (id: string) => isNumericType(lookup.columnType(id));

  // Rows are absolutely positioned inside a fixed-height body, so a scroll frame lays out only
  // the rows it adds. CSS display changes drop native table semantics in some engines, hence the
  // explicit roles.
  return (
    <div className="results-view">
      {isTruncated(result) && <TruncationBanner loaded={records.length} onFetchMore={onFetchMore} />}
      <ResultsToolbar
        filter={filter}
        onFilterChange={setFilter}
        utc={utc}
        onUtcChange={setUtc}
        shown={rowCount}
        total={records.length}
        onExport={exportAs}
        chart={bars ? { shown: chartShown, toggle: () => setChartShown(!chartShown) } : undefined}
      />
      {bars && chartShown ? (
        <ResultsChart data={bars} />
      ) : (
        <div className="results-body">
          <div
            ref={scrollRef}
            className="results-scroll"
            role="region"
            aria-label="Results"
            aria-busy={busy}
            aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight Enter Control+C Control+Shift+C"
            tabIndex={0}
            onKeyDown={onGridKey}
          >
            <table
              className="results-table"
              role="table"
              aria-label="Query results"
              aria-rowcount={rowCount + 1}
              aria-colcount={leafColumns.length}
              style={{ width: totalWidth }}
            >
              <thead role="rowgroup">
                {table.getHeaderGroups().map((group) => (
                  <tr key={group.id} role="row" aria-rowindex={1}>
                    {group.headers.map((header) => {
                      const sorted = header.column.getIsSorted();
                      return (
                        <th
                          key={header.id}
                          role="columnheader"
                          scope="col"
                          className={numericColumn(header.column.id) ? 'num' : undefined}
                          style={{ width: header.getSize() }}
                          aria-sort={
                            sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                          }
                        >
                          <button
                            type="button"
                            className="th-button"
                            onClick={header.column.getToggleSortingHandler()}
                            title={`Sort by ${header.column.id}`}
                          >
                            <span className="th-label">{header.column.id}</span>
                            <span className="sort-indicator" aria-hidden="true">
                              {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                            </span>
                          </button>
                          {/* Pointer-only convenience (double-click resets); widths never hide data. */}
                          <div
                            className={`resizer${header.column.getIsResizing() ? ' resizing' : ''}`}
                            aria-hidden="true"
                            onMouseDown={header.getResizeHandler()}
                            onTouchStart={header.getResizeHandler()}
                            onDoubleClick={() => header.column.resetSize()}
                          />
                        </th>
                      );
                    })}
                  </tr>
                ))}
              </thead>
              <tbody
                role="rowgroup"
                style={{ height: rowCount > 0 ? virtualizer.getTotalSize() : undefined }}
              >
                {items.map((item) => {
                  const index = recordAt(item.index);
                  const record = records[index];
                  const rowSelected = selection?.row === item.index;
                  return (
                    <tr
                      key={index}
                      role="row"
                      aria-rowindex={item.index + 2}
                      className={`${item.index % 2 ? 'odd' : ''}${rowSelected ? ' selected-row' : ''}`}
                      style={{ transform: `translateY(${item.start}px)`, width: totalWidth }}
                    >
                      {leafColumns.map((column) => {
                        const cell = formatCell(
                          record?.[column.id],
                          lookup.typeOf(index, column.id),
                          display,
                        );
                        const long = cell.text.length > 40;
                        const selected = rowSelected && selection?.column === column.id;
                        return (
                          <td
                            key={column.id}
                            role="cell"
                            onClick={() => {
                              setSelection({ row: item.index, column: column.id });
                              setDetailOpen(true);
                            }}
                            className={`cell-${cell.kind}${cell.kind === 'number' ? ' num' : ''}${selected ? ' selected-cell' : ''}`}
                            style={{ width: column.getSize() }}
                            title={long ? cell.text.slice(0, 4000) : undefined}
                          >
                            {cell.text.length > CELL_TEXT_LIMIT
                              ? `${cell.text.slice(0, CELL_TEXT_LIMIT)}…`
                              : cell.text}
                          </td>
                        );
                      })}
                    </tr>
                  );
                })}
                {rowCount === 0 && (
                  <tr role="row" className="results-none-row">
                    <td role="cell" className="results-none" style={{ width: totalWidth }}>
                      {records.length === 0 ? 'No records.' : 'No loaded record matches the filter.'}
                    </td>
                  </tr>
                )}
              </tbody>
            </table>
          </div>
          {detailOpen && selectedRecord !== undefined && (
            <RecordDetail
              record={records[selectedRecord] ?? null}
              index={selectedRecord}
              columns={columns}
              lookup={lookup}
              display={display}
              field={selection?.column}
              onAddFilter={onAddFilter}
              onClose={() => {
                setDetailOpen(false);
                scrollRef.current?.focus();
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}
