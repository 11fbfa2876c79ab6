import { useEffect, useMemo, useRef, useState } from 'react';
import {
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnSizingState,
  type SortingState,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { QueryResult, ResultRecord } from '../../../src-shared/grail/wire';
import {
  compareCells,
  deriveColumns,
  FieldTypeLookup,
  formatCell,
  initialColumnWidth,
  isNumericType,
} from './columns';

interface ResultRow {
  /** Position in `records` (what `types[].indexRange` refers to), kept through sorting. */
  index: number;
  record: ResultRecord | null;
}

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
  const data = useMemo<ResultRow[]>(
    () => result.records.map((record, index) => ({ index, record })),
    [result.records],
  );
  const columnDefs = useMemo<ColumnDef<ResultRow>[]>(
    () =>
      columns.map((name) => {
        const type = lookup.columnType(name);
        const numeric = isNumericType(type);
        return {
          id: name,
          header: name,
          accessorFn: (row) => row.record?.[name],
          size: initialColumnWidth(name, type),
          minSize: 48,
          maxSize: 2000,
          sortUndefined: 'last',
          sortDescFirst: false,
          sortingFn: (a, b) => compareCells(a.original.record?.[name], b.original.record?.[name], numeric),
        };
      }),
    [columns, lookup],
  );

  // TanStack Table keeps its own memoization; the React Compiler must not memoize around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data,
    columns: columnDefs,
    state: { sorting, columnSizing },
    onSortingChange: setSorting,
    onColumnSizingChange: setColumnSizing,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
  });
  const rows = table.getRowModel().rows;
  const leafColumns = table.getVisibleLeafColumns();

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateRowHeight,
    overscan: 12,
  });

  // A new result starts at its first record.
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [result]);

  const items = virtualizer.getVirtualItems();
  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const numericColumn = (id: string) => isNumericType(lookup.columnType(id));

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
        aria-label="Query results"
        aria-rowcount={rows.length + 1}
        aria-colcount={leafColumns.length}
        style={{ width: Math.max(table.getTotalSize(), 1) }}
      >
        <colgroup>
          {leafColumns.map((column) => (
            <col key={column.id} style={{ width: column.getSize() }} />
          ))}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const sorted = header.column.getIsSorted();
                return (
                  <th
                    key={header.id}
                    scope="col"
                    className={numericColumn(header.column.id) ? 'num' : undefined}
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
        <tbody>
          {paddingTop > 0 && (
            <tr className="spacer" aria-hidden="true">
              <td colSpan={Math.max(leafColumns.length, 1)} style={{ height: paddingTop }} />
            </tr>
          )}
          {items.map((item) => {
            const row = rows[item.index]!;
            const { index, record } = row.original;
            return (
              <tr key={row.id} aria-rowindex={item.index + 2} className={item.index % 2 ? 'odd' : undefined}>
                {leafColumns.map((column) => {
                  const cell = formatCell(record?.[column.id], lookup.typeOf(index, column.id));
                  const long = cell.text.length > 40;
                  return (
                    <td
                      key={column.id}
                      className={`cell-${cell.kind}${cell.kind === 'number' ? ' num' : ''}`}
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
          {paddingBottom > 0 && (
            <tr className="spacer" aria-hidden="true">
              <td colSpan={Math.max(leafColumns.length, 1)} style={{ height: paddingBottom }} />
            </tr>
          )}
          {rows.length === 0 && (
            <tr>
              <td className="results-none" colSpan={Math.max(leafColumns.length, 1)}>
                No records.
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
