import { useEffect, useMemo, useRef, useState } from 'react';
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
}

/** The query result as a virtualized, sortable table named "Query results". */
export function ResultsTable({ result, busy }: ResultsTableProps) {
  const columns = useMemo(() => (result ? deriveColumns(result) : []), [result]);
  if (!result) {
    return (
      <div className="results-placeholder" aria-busy={busy}>
        {busy ? 'Waiting for the first records…' : 'Run a query to see its records here.'}
      </div>
    );
  }
  // A different column set starts with fresh sorting and widths; the same set keeps them across runs.
  return <ResultsGrid key={columns.join('\u0000')} result={result} columns={columns} busy={busy} />;
}

interface ResultsGridProps {
  result: QueryResult;
  columns: string[];
  busy: boolean;
}

function ResultsGrid({ result, columns, busy }: ResultsGridProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [columnSizing, setColumnSizing] = useState<ColumnSizingState>({});

  const lookup = useMemo(() => new FieldTypeLookup(result.types), [result.types]);
  const columnDefs = useMemo<ColumnDef<ResultRow>[]>(() => {
    const longest = sampleTextLengths(result.records, columns, lookup);
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
        sorting.map((s) => ({ field: s.id, desc: s.desc, numeric: isNumericType(lookup.columnType(s.id)) })),
      ),
    [records, sorting, lookup],
  );

  const virtualizer = useVirtualizer({
    count: records.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateRowHeight,
    overscan: 12,
  });

  // A new result, or a new order, starts at its first record.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [result, sorting]);

  const items = virtualizer.getVirtualItems();
  const totalWidth = Math.max(table.getTotalSize(), 1);
  const numericColumn = (id: string) => isNumericType(lookup.columnType(id));

  // Rows are absolutely positioned inside a fixed-height body, so a scroll frame lays out only
  // the rows it adds. CSS display changes drop native table semantics in some engines, hence the
  // explicit roles.
  return (
    <div
      ref={scrollRef}
      className="results-scroll"
      role="region"
      aria-label="Results"
      aria-busy={busy}
      tabIndex={0}
    >
      <table
        className="results-table"
        role="table"
        aria-label="Query results"
        aria-rowcount={records.length + 1}
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
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
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
          style={{ height: records.length > 0 ? virtualizer.getTotalSize() : undefined }}
        >
          {items.map((item) => {
            const index = order ? order[item.index]! : item.index;
            const record = records[index];
            return (
              <tr
                key={index}
                role="row"
                aria-rowindex={item.index + 2}
                className={item.index % 2 ? 'odd' : undefined}
                style={{ transform: `translateY(${item.start}px)`, width: totalWidth }}
              >
                {leafColumns.map((column) => {
                  const cell = formatCell(record?.[column.id], lookup.typeOf(index, column.id));
                  const long = cell.text.length > 40;
                  return (
                    <td
                      key={column.id}
                      role="cell"
                      className={`cell-${cell.kind}${cell.kind === 'number' ? ' num' : ''}`}
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
          {records.length === 0 && (
            <tr role="row" className="results-none-row">
              <td role="cell" className="results-none" style={{ width: totalWidth }}>
                No records.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
