import { useCallback, useEffect, useId, useImperativeHandle, useMemo, useRef } from 'react';
import type { KeyboardEvent, MouseEvent, ReactNode, Ref } from 'react';
import type { Table } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ResultRecord } from '../../../src-shared/grail/wire';
import type { CellPoint, CellRange } from '../../../src-shared/results/cell-range';
import type { RecordTable } from '../../../src-shared/results/record-table';
import type { CellTextCache } from './cell-text-cache';
import { columnSheet, gridScope } from './column-sheet';
import { GridHeader } from './GridHeader';
import { GridRow, type DrawnColumn } from './GridRow';

export const ROW_HEIGHT = 24;
/** The height of a row's expanded value below its cells (scrolls inside when taller). */
export const EXPANSION_HEIGHT = 240;
/** Rows drawn beyond each edge of the view. Each costs its cells in every frame that adds it. */
const OVERSCAN_ROWS = 6;
const COLUMN_VIRTUALIZE_FROM = 40;

/** What the grid tells its owner about pointer gestures on cells (row = display position). */
export interface CellEvents {
  mouseDown: (e: MouseEvent, row: number, col: number) => void;
  /** The pointer moved onto another cell with the primary button held (drag selection). */
  dragOver: (row: number, col: number) => void;
  click: (e: MouseEvent) => void;
}

/** What the owner may ask of the grid's scroll position. */
export interface GridHandle {
  reveal: (point: CellPoint) => void;
  scrollToTop: () => void;
  focus: () => void;
  /** Rows a PageUp/PageDown moves. */
  pageRows: () => number;
}

interface GridTableProps {
  handle: Ref<GridHandle>;
  table: Table<ResultRecord | null>;
  /** Visible columns in display order, their widths, and how many lead pinned. */
  columns: readonly string[];
  widths: readonly number[];
  pinnedCount: number;
  totalWidth: number;
  records: RecordTable;
  rowCount: number;
  recordAt: (position: number) => number;
  cells: CellTextCache;
  busy: boolean;
  range: CellRange | null;
  focus: CellPoint | null;
  matchRows: ReadonlyMap<number, readonly number[]>;
  currentMatch: CellPoint | undefined;
  numericColumn: (id: string) => boolean;
  onDropColumn: (source: string, target: string) => void;
  onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => void;
  events: CellEvents;
  /** Record position → the column shown expanded below that record's row. */
  expanded: ReadonlyMap<number, string>;
  /** A cell's expand/collapse toggle was clicked (display position, visible column index). */
  onToggleExpand: (row: number, col: number) => void;
  renderExpansion: (recordIndex: number, column: string) => ReactNode;
}

/** The display position and column of the cell an event happened in, if any. */
function cellOf(target: EventTarget): CellPoint | undefined {
  const cell = target instanceof Element ? target.closest('td[aria-colindex]') : null;
  const row = cell?.parentElement?.getAttribute('aria-rowindex');
  if (!cell || !row) return undefined;
  return { row: Number(row) - 2, col: Number(cell.getAttribute('aria-colindex')) - 1 };
}

/**
 * The scrolled table: rows (and, from COLUMN_VIRTUALIZE_FROM on, columns) virtualized, so only what
 * is in view exists in the DOM. Scrolling re-renders this component alone, never the toolbar and
 * panels around it. Rows are absolutely positioned inside a fixed-height body, so a scroll frame
 * lays out only the rows it adds. CSS display changes drop native table semantics in some
 * engines, hence the explicit roles.
 */
export function GridTable(props: GridTableProps) {
  const { table, columns, widths, pinnedCount, totalWidth, records, rowCount, recordAt, cells } = props;
  const { range, focus, matchRows, currentMatch, events } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const dragging = useRef<CellPoint | null>(null);
  const scope = gridScope(useId());
  const pinnedWidth = widths.slice(0, pinnedCount).reduce((a, b) => a + b, 0);
  const widthsKey = widths.join(',');
  // Row heights: an expanded row is taller. Read through refs so the function's identity is
  // stable; a change of expansions or order re-measures once (below), never per scroll frame.
  const expandedRef = useRef(props.expanded);
  const recordAtRef = useRef(recordAt);
  const estimateRowHeight = useCallback(
    (position: number) =>
      expandedRef.current.has(recordAtRef.current(position)) ? ROW_HEIGHT + EXPANSION_HEIGHT : ROW_HEIGHT,
    [],
  );

  // TanStack Virtual keeps its own state; the React Compiler must not memoize around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateRowHeight,
    overscan: OVERSCAN_ROWS,
  });
  // Columns are virtualized too (300 columns stay fluid); pinned ones are always drawn, sticky.
  const centerCount = columns.length - pinnedCount;
  const estimateColumnWidth = useCallback(
    (i: number) => widths[pinnedCount + i] ?? 100,
    // widthsKey carries every width; the array itself may be rebuilt per render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [widthsKey, pinnedCount],
  );
  // Below COLUMN_VIRTUALIZE_FROM columns all are drawn: a second scroll listener reading
  // scrollLeft forces a layout in every scroll frame, which costs more than drawing a few cells.
  const virtualColumns = centerCount >= COLUMN_VIRTUALIZE_FROM;
  const columnVirtualizer = useVirtualizer({
    enabled: virtualColumns,
    horizontal: true,
    count: centerCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateColumnWidth,
    paddingStart: pinnedWidth,
    scrollPaddingStart: pinnedWidth,
    overscan: 3,
  });
  useEffect(() => columnVirtualizer.measure(), [columnVirtualizer, estimateColumnWidth]);
  useEffect(() => {
    if (expandedRef.current === props.expanded && recordAtRef.current === recordAt) return;
    const hadExpansions = expandedRef.current.size > 0 || props.expanded.size > 0;
    expandedRef.current = props.expanded;
    recordAtRef.current = recordAt;
    if (hadExpansions) virtualizer.measure();
  }, [props.expanded, recordAt, virtualizer]);

  useImperativeHandle(props.handle, () => ({
    reveal: (point) => {
      virtualizer.scrollToIndex(point.row);
      if (point.col < pinnedCount) return;
      if (virtualColumns) return columnVirtualizer.scrollToIndex(point.col - pinnedCount);
      // All columns drawn: bring the cell out from under the pinned ones or past the right edge.
      const scroller = scrollRef.current;
      if (!scroller) return;
      const start = widths.slice(0, point.col).reduce((a, b) => a + b, 0);
      const end = start + (widths[point.col] ?? 0);
      if (start - pinnedWidth < scroller.scrollLeft) scroller.scrollLeft = start - pinnedWidth;
      else if (end > scroller.scrollLeft + scroller.clientWidth)
        scroller.scrollLeft = end - scroller.clientWidth;
    },
    scrollToTop: () => scrollRef.current?.scrollTo({ top: 0 }),
    focus: () => scrollRef.current?.focus(),
    pageRows: () => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 240) / ROW_HEIGHT) - 1),
  }));

  const columnItems = columnVirtualizer.getVirtualItems();
  const drawn = useMemo<DrawnColumn[]>(() => {
    const out: DrawnColumn[] = [];
    let left = 0;
    for (let i = 0; i < pinnedCount && i < columns.length; i++) {
      out.push({ id: columns[i]!, index: i, margin: 0, pinned: true });
      left += widths[i]!;
    }
    const items = virtualColumns
      ? columnItems
      : Array.from({ length: columns.length - pinnedCount }, (_, i) => ({ index: i, start: -1 }));
    items.forEach((item, k) => {
      const index = pinnedCount + item.index;
      const id = columns[index];
      if (id === undefined) return;
      out.push({ id, index, margin: k === 0 && item.start >= 0 ? item.start - left : 0, pinned: false });
    });
    return out;
    // widthsKey carries every width.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [widthsKey, pinnedCount, columns, columnItems, virtualColumns]);
  const sheet = useMemo(
    () => columnSheet(scope, widths, pinnedCount, totalWidth),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [scope, widthsKey, pinnedCount, totalWidth],
  );

  const onMouseDown = (e: MouseEvent) => {
    const cell = cellOf(e.target);
    if (!cell) return;
    // A cell's expand toggle keeps the keyboard focus on the grid (Space toggles it again).
    if (e.target instanceof Element && e.target.closest('button.cell-expand')) {
      e.preventDefault();
      scrollRef.current?.focus({ preventScroll: true });
    }
    if (e.button === 0) dragging.current = cell;
    events.mouseDown(e, cell.row, cell.col);
  };
  const onMouseOver = (e: MouseEvent) => {
    const from = dragging.current;
    if (!from || e.buttons !== 1) return;
    const cell = cellOf(e.target);
    if (!cell || (cell.row === from.row && cell.col === from.col)) return;
    dragging.current = cell;
    events.dragOver(cell.row, cell.col);
  };
  const onClick = (e: MouseEvent) => {
    const cell = cellOf(e.target);
    if (!cell) return;
    if (e.target instanceof Element && e.target.closest('button.cell-expand'))
      props.onToggleExpand(cell.row, cell.col);
    else events.click(e);
  };

  const items = virtualizer.getVirtualItems();
  return (
    <div
      ref={scrollRef}
      className="results-scroll"
      role="region"
      aria-label="Results"
      aria-busy={props.busy}
      aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight Shift+ArrowDown Space Shift+Space PageUp PageDown Home End Enter Control+C Control+Shift+C"
      tabIndex={0}
      onKeyDown={props.onKeyDown}
      onMouseUp={() => (dragging.current = null)}
      onMouseLeave={() => (dragging.current = null)}
    >
      <style>{sheet}</style>
      <table
        className={`results-table ${scope}`}
        role="table"
        aria-label="Query results"
        aria-rowcount={rowCount + 1}
        aria-colcount={columns.length}
        style={{ width: totalWidth }}
      >
        <GridHeader
          table={table}
          drawn={drawn}
          numericColumn={props.numericColumn}
          onDropColumn={props.onDropColumn}
        />
        <tbody
          role="rowgroup"
          className="results-rows"
          style={{ height: rowCount > 0 ? virtualizer.getTotalSize() : undefined }}
          onMouseDown={onMouseDown}
          onMouseOver={onMouseOver}
          onClick={onClick}
        >
          {items.map((item, k) => {
            const index = recordAt(item.index);
            const inRows = range !== null && item.index >= range.top && item.index <= range.bottom;
            return (
              // Keyed by slot, not by record: a row scrolled out is reused for the one scrolling in
              // (its text and attributes change; no elements made or dropped). Measured in
              // bench/results-render.ts at 1,000,000 records: scroll work p50 about a fifth lower.
              <GridRow
                key={item.index % items.length}
                records={records}
                recordIndex={index}
                position={item.index}
                offset={k === 0 ? item.start : undefined}
                drawn={drawn}
                cells={cells}
                selLeft={inRows ? range.left : undefined}
                selRight={inRows ? range.right : undefined}
                focusCol={focus?.row === item.index ? focus.col : undefined}
                matchCols={matchRows.get(item.index)}
                currentMatchCol={currentMatch?.row === item.index ? currentMatch.col : undefined}
                expandedColumn={props.expanded.get(index)}
                renderExpansion={props.renderExpansion}
              />
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
  );
}
