import { useMemo } from 'react';
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnSizingState,
  type OnChangeFn,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import type { ResultRecord } from '../../../src-shared/grail/wire';
import type { RecordTable } from '../../../src-shared/results/record-table';
import { visibleColumns, type ColumnLayout } from '../../../src-shared/results/column-layout';
import { initialColumnWidth, sampleTextLengths, type FieldTypeLookup } from './columns';

type ResultRow = ResultRecord | null;

/** The grid never asks TanStack for rows (v8 builds a heavy object per row), so it gets none. */
const NO_ROWS: ResultRow[] = [];

interface ColumnLayoutInput {
  records: RecordTable;
  columns: string[];
  lookup: FieldTypeLookup;
  layout: ColumnLayout;
  onLayoutChange: (layout: ColumnLayout) => void;
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
}

/**
 * Column layout of the grid: which columns show in which order (hidden, moved, pinned), their
 * widths (a starting width from the header and sampled values, then the user's, kept in the tab's
 * layout by column name) and the sort state — TanStack Table owns headers, sorting and resizing.
 */
export function useColumnLayout(input: ColumnLayoutInput) {
  const { records, columns, lookup, layout, onLayoutChange, sorting, onSortingChange } = input;
  const shownColumns = useMemo(() => visibleColumns(columns, layout), [columns, layout]);
  const pinnedCount = useMemo(
    () => layout.pinned.filter((c) => shownColumns.includes(c)).length,
    [layout.pinned, shownColumns],
  );
  const longest = useMemo(
    () => sampleTextLengths(records, columns, lookup, 200, { zone: 'local' }),
    [records, columns, lookup],
  );
  const columnDefs = useMemo<ColumnDef<ResultRow>[]>(
    () =>
      shownColumns.map((name) => ({
        id: name,
        header: name,
        accessorFn: (record) => record?.[name],
        size: initialColumnWidth(name, lookup.columnType(name), longest.get(name)),
        minSize: 48,
        maxSize: 2000,
        sortDescFirst: false,
      })),
    [shownColumns, lookup, longest],
  );

  // Widths live in the tab's layout (by column name), so they outlive this grid.
  const onColumnSizingChange = (updater: Updater<ColumnSizingState>) => {
    const next = typeof updater === 'function' ? updater(layout.widths) : updater;
    onLayoutChange({ ...layout, widths: next });
  };

  // TanStack Table keeps its own memoization; the React Compiler must not memoize around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: NO_ROWS,
    columns: columnDefs,
    state: { sorting, columnSizing: layout.widths },
    onSortingChange,
    onColumnSizingChange,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
  });
  const sizes = table.getVisibleLeafColumns().map((c) => c.getSize());
  const widthsKey = sizes.join(',');
  // One array per distinct set of widths, so the grid below re-renders only when one changes.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const widths = useMemo(() => sizes, [widthsKey]);
  return { table, shownColumns, pinnedCount, widths, totalWidth: Math.max(table.getTotalSize(), 1) };
}
