import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import {
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type ColumnSizingState,
  type SortingState,
  type Updater,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { QueryResult, ResultRecord } from '../../../src-shared/grail/wire';
import { barChartData, BAR_LIMIT, pieIsHonest } from '../../../src-shared/results/chart-data';
import { cellStats } from '../../../src-shared/results/cell-stats';
import {
  rangeAsJson,
  rangeAsTsv,
  rangeOf,
  rangeSize,
  rangeValues,
  type CellPoint,
} from '../../../src-shared/results/cell-range';
import {
  arrangeColumns,
  moveColumn,
  visibleColumns,
  type ColumnLayout,
} from '../../../src-shared/results/column-layout';
import { rowAsJson } from '../../../src-shared/results/copy-text';
import {
  findCells,
  matchesByRow,
  matchFrom,
  stepMatch,
  type CellMatches,
} from '../../../src-shared/results/find-cells';
import {
  singleValueData,
  timeSeriesAvailable,
  timeSeriesData,
} from '../../../src-shared/results/time-series';
import type { ValueFormatOptions } from '../../../src-shared/results/value-format';
import type { ChartKind, ChartSpec } from './chart-spec';
import {
  FieldTypeLookup,
  formatCell,
  initialColumnWidth,
  isNumericType,
  sampleTextLengths,
  sortedOrder,
} from './columns';
import { ColumnsMenu } from './ColumnsMenu';
import { GridRow, type CellEvents, type DrawnColumn } from './GridRow';
import { ComparePanel, type Baseline } from './ComparePanel';
import { FindBar } from './FindBar';
import { copyText, downloadBlob } from './download';
import { buildExport, exportParquet } from './export-runner';
import { errorMessage, formatCount } from '../../lib/format';
import { RecordDetail } from './RecordDetail';
import { ResultsChart } from './ResultsChart';
import { ResultsToolbar, type ExportChoice } from './ResultsToolbar';
import { isTruncated, matchingRows } from './row-filter';
import { SelectionStats } from './SelectionStats';
import { SingleValue } from './SingleValue';
import { TruncationBanner } from './TruncationBanner';

/** TanStack Table owns columns, headers, sorting state and widths; rows are record positions. */
type ResultRow = ResultRecord | null;

/** The grid never asks TanStack for rows (v8 builds a heavy object per row), so it gets none. */
const NO_ROWS: ResultRow[] = [];

const ROW_HEIGHT = 24;
// Module-level so its identity is stable: a new function per render makes the virtualizer
// recompute every row's offset (O(rows)) on each scroll frame.
const estimateRowHeight = () => ROW_HEIGHT;
const COLUMN_VIRTUALIZE_FROM = 40;
/** Beyond this many selected cells, statistics would stall the UI (a distinct set per value). */
const STATS_CELL_LIMIT = 1_000_000;

export interface ResultsGridProps {
  result: QueryResult;
  columns: string[];
  busy: boolean;
  layout: ColumnLayout;
  onLayoutChange: (layout: ColumnLayout) => void;
  baseline: Baseline | null;
  onKeepBaseline: () => void;
  onAddFilter: ((clause: string) => void) | undefined;
  onFetchMore: (() => void) | undefined;
  /** Records the whole result holds while later pages are still arriving (undefined: all here). */
  expectedTotal: number | undefined;
}

export function ResultsGrid(props: ResultsGridProps) {
  const { result, columns, busy, layout, onLayoutChange, baseline, onAddFilter, onFetchMore } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [utc, setUtc] = useState(false);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const [anchor, setAnchor] = useState<CellPoint | null>(null);
  const [focus, setFocus] = useState<CellPoint | null>(null);
  const [detailOpen, setDetailOpen] = useState(false);
  const [view, setView] = useState<ChartKind | undefined>(undefined);
  const [columnsOpen, setColumnsOpen] = useState(false);
  const [compareOpen, setCompareOpen] = useState(false);
  const [exporting, setExporting] = useState<{ done: number; total: number } | undefined>(undefined);
  const [gridStatus, setGridStatus] = useState('');
  const [exportMessage, setExportMessage] = useState('');
  const [findText, setFindText] = useState('');
  const deferredFind = useDeferredValue(findText);
  // Which match is current, tied to the match list it indexes (a new list has none current).
  const [findAt, setFindAt] = useState<{ of: CellMatches | null; index: number }>({ of: null, index: -1 });
  const display = useMemo<ValueFormatOptions>(() => ({ zone: utc ? 'utc' : 'local' }), [utc]);

  const lookup = useMemo(() => new FieldTypeLookup(result.types), [result.types]);
  const shownColumns = useMemo(() => visibleColumns(columns, layout), [columns, layout]);
  const pinnedCount = useMemo(
    () => layout.pinned.filter((c) => shownColumns.includes(c)).length,
    [layout.pinned, shownColumns],
  );
  const records = result.records;
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
    onSortingChange: setSorting,
    onColumnSizingChange,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    columnResizeMode: 'onChange',
    enableColumnResizing: true,
  });
  const leafColumns = table.getVisibleLeafColumns();
  const pinnedColumns = leafColumns.slice(0, pinnedCount);
  const centerColumns = leafColumns.slice(pinnedCount);
  const pinnedWidth = pinnedColumns.reduce((sum, column) => sum + column.getSize(), 0);
  const widthsKey = leafColumns.map((c) => c.getSize()).join(',');

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
  // Columns are virtualized too (300 columns stay fluid); pinned ones are always drawn, sticky.
  const estimateColumnWidth = useCallback(
    (i: number) => centerColumns[i]?.getSize() ?? 100,
    // widthsKey carries every width; the columns array itself is rebuilt per render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [widthsKey, pinnedCount],
  );
  // Below COLUMN_VIRTUALIZE_FROM columns all are drawn: a second scroll listener reading
  // scrollLeft forces a layout in every scroll frame, which costs more than drawing a few cells.
  const virtualColumns = centerColumns.length >= COLUMN_VIRTUALIZE_FROM;
  const columnVirtualizer = useVirtualizer({
    enabled: virtualColumns,
    horizontal: true,
    count: centerColumns.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: estimateColumnWidth,
    paddingStart: pinnedWidth,
    scrollPaddingStart: pinnedWidth,
    overscan: 3,
  });
  useEffect(() => columnVirtualizer.measure(), [columnVirtualizer, estimateColumnWidth]);

  // A new result, a new order or a new filter starts at its first record, with nothing selected.
  // (A paged result's later pages keep its metadata object, so they do not count as new.)
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
    setAnchor(null);
    setFocus(null);
  }, [result.metadata, sorting, deferredFilter]);
  useEffect(() => {
    setAnchor(null);
    setFocus(null);
  }, [shownColumns]);

  const read = useCallback(
    (row: number, column: string) => records[recordAt(row)]?.[column],
    [records, recordAt],
  );
  const range = anchor && focus ? rangeOf(anchor, focus) : null;
  const multi = range !== null && rangeSize(range) > 1;
  const stats = useMemo(
    () =>
      range && rangeSize(range) > 1 && rangeSize(range) <= STATS_CELL_LIMIT
        ? cellStats(rangeValues(range, shownColumns, read))
        : undefined,
    // range is rebuilt per render; its corners are what matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [range?.top, range?.bottom, range?.left, range?.right, shownColumns, read],
  );
  const matches = useMemo(
    () => findCells(rowCount, shownColumns.length, (row, col) => read(row, shownColumns[col]!), deferredFind),
    [rowCount, shownColumns, read, deferredFind],
  );
  const matchRows = useMemo(() => matchesByRow(matches), [matches]);
  const currentMatch = findAt.of === matches ? findAt.index : -1;
  const stepFind = (direction: 1 | -1) => {
    const count = matches.rows.length;
    const index =
      currentMatch < 0 && focus && direction === 1
        ? matchFrom(matches, focus.row, focus.col)
        : stepMatch(count, currentMatch, direction);
    if (index < 0) return;
    setFindAt({ of: matches, index });
    const point = { row: matches.rows[index]!, col: matches.cols[index]! };
    setAnchor(point);
    setFocus(point);
    reveal(point);
  };
  const focusColumn = focus ? shownColumns[focus.col] : undefined;
  const selectedRecord = focus && focus.row < rowCount ? recordAt(focus.row) : undefined;

  // Which charts fit: bars from the first rows shown (cheap), time series by column types only;
  // the series themselves are built only while a time chart is shown.
  const columnType = useCallback((c: string) => lookup.columnType(c), [lookup]);
  const bars = useMemo(() => {
    const first = Array.from(
      { length: Math.min(BAR_LIMIT, rowCount) },
      (_, i) => records[recordAt(i)] ?? null,
    );
    const data = barChartData(first, columns, columnType);
    return data && { ...data, omitted: rowCount - data.labels.length };
  }, [records, recordAt, rowCount, columns, columnType]);
  const single = useMemo(() => singleValueData(records, columns), [records, columns]);
  const charts = useMemo(() => {
    const kinds: ChartKind[] = [];
    if (single) kinds.push('single');
    if (bars) kinds.push('bar');
    if (bars && pieIsHonest(bars)) kinds.push('pie');
    if (timeSeriesAvailable(columns, columnType)) kinds.push('line', 'area');
    return kinds;
  }, [single, bars, columns, columnType]);
  const activeView = view && charts.includes(view) ? view : undefined;
  const series = useMemo(() => {
    if (activeView !== 'line' && activeView !== 'area') return undefined;
    const rows = Array.from({ length: rowCount }, (_, i) => records[recordAt(i)] ?? null);
    return timeSeriesData(rows, columns, columnType);
  }, [activeView, rowCount, records, recordAt, columns, columnType]);
  const spec = useMemo<ChartSpec | undefined>(() => {
    if ((activeView === 'bar' || activeView === 'pie') && bars) return { kind: activeView, data: bars };
    if ((activeView === 'line' || activeView === 'area') && series) return { kind: activeView, data: series };
    return undefined;
  }, [activeView, bars, series]);

  const exportAs = async (choice: ExportChoice) => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    setExportMessage('');
    setExporting({ done: 0, total: rowCount });
    try {
      if (choice === 'parquet') {
        const message = await exportParquet(
          {
            records,
            rows: shown ?? order ?? undefined,
            columns: shownColumns.map((name) => ({ name, type: lookup.columnType(name) })),
            fileName: `bizlens-result-${stamp}.parquet`,
          },
          (done, total) => setExporting({ done, total }),
        );
        setExportMessage(message);
      } else await exportText(choice, stamp);
    } catch (err) {
      setExportMessage(errorMessage(err));
    } finally {
      setExporting(undefined);
    }
  };

  const exportText = async (choice: Exclude<ExportChoice, 'parquet'>, stamp: string) => {
    const format = choice === 'csv-formatted' ? 'csv' : choice;
    const csvFormat =
      choice === 'csv-formatted'
        ? (value: unknown, at: number, field: string) =>
            formatCell(value, lookup.typeOf(at, field), display).text
        : undefined;
    const blob = await buildExport(
      {
        format,
        records,
        columns: shownColumns,
        rows: shown ?? order ?? undefined,
        csvFormat,
        // Hidden columns stay out of every format; with none hidden, records go out whole.
        fields: shownColumns.length < columns.length ? shownColumns : undefined,
      },
      (done, total) => setExporting({ done, total }),
    );
    if (blob) downloadBlob(blob, `bizlens-result-${stamp}.${format}`);
  };

  const copySelection = (asJson: boolean) => {
    if (!range || !focus) return;
    let text: string;
    if (asJson && !multi) text = rowAsJson(records[recordAt(focus.row)]);
    else text = asJson ? rangeAsJson(range, shownColumns, read) : rangeAsTsv(range, shownColumns, read);
    const what = multi ? `${rangeSize(range)} cells` : asJson ? 'the row' : 'the cell';
    void copyText(text).then((ok) =>
      setGridStatus(ok ? `Copied ${what} as ${asJson ? 'JSON' : 'TSV'}.` : 'The clipboard is not available.'),
    );
  };

  const reveal = (point: CellPoint) => {
    virtualizer.scrollToIndex(point.row);
    if (point.col < pinnedCount) return;
    if (virtualColumns) return columnVirtualizer.scrollToIndex(point.col - pinnedCount);
    // All columns drawn: bring the cell out from under the pinned ones or past the right edge.
    const scroller = scrollRef.current;
    if (!scroller) return;
    const sizes = widthsKey.split(',').map(Number);
    const start = sizes.slice(0, point.col).reduce((a, b) => a + b, 0);
    const end = start + (sizes[point.col] ?? 0);
    if (start - pinnedWidth < scroller.scrollLeft) scroller.scrollLeft = start - pinnedWidth;
    else if (end > scroller.scrollLeft + scroller.clientWidth)
      scroller.scrollLeft = end - scroller.clientWidth;
  };

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (rowCount === 0 || shownColumns.length === 0 || e.target !== e.currentTarget) return;
    const current = focus ?? { row: 0, col: 0 };
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 240) / ROW_HEIGHT) - 1);
    const move = (row: number, col: number) => {
      const next = {
        row: Math.min(rowCount - 1, Math.max(0, row)),
        col: Math.min(shownColumns.length - 1, Math.max(0, col)),
      };
      setFocus(next);
      if (!e.shiftKey || !anchor) setAnchor(next);
      reveal(next);
      e.preventDefault();
    };
    const ctrl = e.ctrlKey || e.metaKey;
    if (e.key === 'ArrowDown') move(focus ? current.row + 1 : 0, current.col);
    else if (e.key === 'ArrowUp') move(current.row - 1, current.col);
    else if (e.key === 'ArrowRight') move(current.row, current.col + 1);
    else if (e.key === 'ArrowLeft') move(current.row, current.col - 1);
    else if (e.key === 'PageDown') move(current.row + page, current.col);
    else if (e.key === 'PageUp') move(current.row - page, current.col);
    else if (e.key === 'Home') move(ctrl ? 0 : current.row, 0);
    else if (e.key === 'End') move(ctrl ? rowCount - 1 : current.row, shownColumns.length - 1);
    else if (e.key === ' ' && e.shiftKey && anchor && focus) {
      // Whole rows: the selection widens to every visible column.
      setAnchor({ row: anchor.row, col: 0 });
      setFocus({ row: focus.row, col: shownColumns.length - 1 });
      e.preventDefault();
    } else if (e.key === 'Enter' && focus) setDetailOpen(true);
    else if (e.key === 'Escape' && detailOpen) setDetailOpen(false);
    else if (ctrl && e.key.toLowerCase() === 'c' && focus) {
      copySelection(e.shiftKey);
      e.preventDefault();
    }
  };

  // Stable, so memoized rows do not re-render for new handlers.
  const cellEvents = useMemo<CellEvents>(
    () => ({
      mouseDown: (e: MouseEvent, row: number, col: number) => {
        if (e.button !== 0) return;
        const point = { row, col };
        setFocus(point);
        if (e.shiftKey) setAnchor((a) => a ?? point);
        else setAnchor(point);
        dragging.current = true;
      },
      mouseEnter: (e: MouseEvent, row: number, col: number) => {
        if (dragging.current && e.buttons === 1) setFocus({ row, col });
      },
      click: (e: MouseEvent) => {
        if (!e.shiftKey) setDetailOpen(true);
      },
    }),
    [],
  );

  const dropColumn = (source: string, target: string) => {
    const arranged = arrangeColumns(columns, layout);
    const delta = arranged.indexOf(target) - arranged.indexOf(source);
    if (source !== target) onLayoutChange(moveColumn(layout, columns, source, delta));
  };

  const items = virtualizer.getVirtualItems();
  const columnItems = columnVirtualizer.getVirtualItems();
  const drawn = useMemo<DrawnColumn[]>(() => {
    const sizes = widthsKey.split(',').map(Number);
    const out: DrawnColumn[] = [];
    let left = 0;
    for (let i = 0; i < pinnedCount && i < shownColumns.length; i++) {
      out.push({ id: shownColumns[i]!, index: i, width: sizes[i]!, margin: 0, left });
      left += sizes[i]!;
    }
    const items = virtualColumns
      ? columnItems
      : Array.from({ length: shownColumns.length - pinnedCount }, (_, i) => ({ index: i, start: -1 }));
    items.forEach((item, k) => {
      const index = pinnedCount + item.index;
      const id = shownColumns[index];
      if (id === undefined) return;
      out.push({
        id,
        index,
        width: sizes[index]!,
        margin: k === 0 && item.start >= 0 ? item.start - left : 0,
        left: undefined,
      });
    });
    return out;
  }, [widthsKey, pinnedCount, shownColumns, columnItems, virtualColumns]);
  const totalWidth = Math.max(table.getTotalSize(), 1);
  const numericColumn = (id: string) => isNumericType(lookup.columnType(id));
  const compareAvailable = baseline !== null && baseline.result !== result;

  let body;
  if (compareOpen && compareAvailable && baseline) {
    body = <ComparePanel baseline={baseline} current={result} onClose={() => setCompareOpen(false)} />;
  } else if (activeView === 'single' && single) {
    body = (
      <SingleValue
        field={single.field}
        value={single.value}
        type={lookup.typeOf(0, single.field)}
        display={display}
      />
    );
  } else if (spec) {
    body = <ResultsChart key={spec.kind} spec={spec} />;
  } else {
    // Rows are absolutely positioned inside a fixed-height body, so a scroll frame lays out only
    // the rows it adds. CSS display changes drop native table semantics in some engines, hence
    // the explicit roles.
    body = (
      <div className="results-body">
        <div
          ref={scrollRef}
          className="results-scroll"
          role="region"
          aria-label="Results"
          aria-busy={busy}
          aria-keyshortcuts="ArrowUp ArrowDown ArrowLeft ArrowRight Shift+ArrowDown Shift+Space PageUp PageDown Home End Enter Control+C Control+Shift+C"
          tabIndex={0}
          onKeyDown={onGridKey}
          onMouseUp={() => (dragging.current = false)}
          onMouseLeave={() => (dragging.current = false)}
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
                  {drawn.map(({ id, index, width, margin, left }) => {
                    const header = group.headers.find((h) => h.column.id === id);
                    if (!header) return null;
                    const column = header.column;
                    const sorted = column.getIsSorted();
                    return (
                      <th
                        key={column.id}
                        role="columnheader"
                        scope="col"
                        aria-colindex={index + 1}
                        className={`${numericColumn(column.id) ? 'num' : ''}${left !== undefined ? ' pinned' : ''}`}
                        style={{ width, marginLeft: margin || undefined, left }}
                        aria-sort={
                          sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined
                        }
                        onDragOver={(e) => e.preventDefault()}
                        onDrop={(e) => {
                          e.preventDefault();
                          dropColumn(e.dataTransfer.getData('text/x-bizlens-column'), column.id);
                        }}
                      >
                        <button
                          type="button"
                          className="th-button"
                          draggable
                          onDragStart={(e) => e.dataTransfer.setData('text/x-bizlens-column', column.id)}
                          onClick={column.getToggleSortingHandler()}
                          title={`Sort by ${column.id} (drag to move the column)`}
                        >
                          <span className="th-label">{column.id}</span>
                          <span className="sort-indicator" aria-hidden="true">
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                          </span>
                        </button>
                        {/* Pointer-only convenience (double-click resets); widths never hide data. */}
                        <div
                          className={`resizer${column.getIsResizing() ? ' resizing' : ''}`}
                          aria-hidden="true"
                          onMouseDown={header.getResizeHandler()}
                          onTouchStart={header.getResizeHandler()}
                          onDoubleClick={() => column.resetSize()}
                        />
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody role="rowgroup" style={{ height: rowCount > 0 ? virtualizer.getTotalSize() : undefined }}>
              {items.map((item) => {
                const index = recordAt(item.index);
                const inRows = range !== null && item.index >= range.top && item.index <= range.bottom;
                return (
                  <GridRow
                    key={index}
                    record={records[index]}
                    recordIndex={index}
                    position={item.index}
                    start={item.start}
                    width={totalWidth}
                    drawn={drawn}
                    lookup={lookup}
                    display={display}
                    selLeft={inRows ? range.left : undefined}
                    selRight={inRows ? range.right : undefined}
                    focusCol={focus?.row === item.index ? focus.col : undefined}
                    matchCols={matchRows.get(item.index)}
                    currentMatchCol={
                      currentMatch >= 0 && matches.rows[currentMatch] === item.index
                        ? matches.cols[currentMatch]
                        : undefined
                    }
                    events={cellEvents}
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
        {detailOpen && selectedRecord !== undefined && (
          <RecordDetail
            record={records[selectedRecord] ?? null}
            index={selectedRecord}
            columns={columns}
            lookup={lookup}
            display={display}
            field={focusColumn}
            onAddFilter={onAddFilter}
            onClose={() => {
              setDetailOpen(false);
              scrollRef.current?.focus();
            }}
          />
        )}
      </div>
    );
  }

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
        expectedTotal={props.expectedTotal}
        onExport={(choice) => void exportAs(choice)}
        exporting={exporting}
        exportMessage={exportMessage}
        charts={charts}
        view={activeView}
        onViewChange={setView}
        columnsOpen={columnsOpen}
        onColumnsToggle={() => setColumnsOpen(!columnsOpen)}
        compare={{
          canKeep: true,
          onKeep: props.onKeepBaseline,
          available: compareAvailable,
          open: compareOpen && compareAvailable,
          toggle: () => setCompareOpen(!compareOpen),
        }}
      />
      {!activeView && !(compareOpen && compareAvailable) && (
        <FindBar
          text={findText}
          onTextChange={setFindText}
          count={matches.rows.length}
          current={currentMatch}
          capped={matches.capped}
          onStep={stepFind}
        />
      )}
      {columnsOpen && (
        <ColumnsMenu
          columns={columns}
          layout={layout}
          onChange={onLayoutChange}
          onClose={() => setColumnsOpen(false)}
        />
      )}
      {body}
      {focus && !activeView && !(compareOpen && compareAvailable) && (
        <div className="selection-bar">
          {stats && <SelectionStats stats={stats} />}
          {range && rangeSize(range) > STATS_CELL_LIMIT && (
            <span className="selection-stats">
              {formatCount(rangeSize(range))} cells selected; statistics are computed for up to{' '}
              {formatCount(STATS_CELL_LIMIT)}.
            </span>
          )}
          <button type="button" className="link-button" onClick={() => copySelection(false)}>
            Copy selection as TSV
          </button>
          <button type="button" className="link-button" onClick={() => copySelection(true)}>
            Copy selection as JSON
          </button>
          <span role="status" aria-label="Grid status">
            {gridStatus}
          </span>
        </div>
      )}
    </div>
  );
}
