import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, MouseEvent } from 'react';
import type { SortingState } from '@tanstack/react-table';
import { arrangeColumns, moveColumn, type ColumnLayout } from '../../../src-shared/results/column-layout';
import { matchFrom, stepMatch } from '../../../src-shared/results/find-cells';
import type { TableResult } from '../../../src-shared/results/record-table';
import type { ValueFormatOptions } from '../../../src-shared/results/value-format';
import { formatCount } from '../../lib/format';
import { CellTextCache } from './cell-text-cache';
import type { ChartKind } from './chart-spec';
import { FieldTypeLookup, isNumericType, sortedOrder } from './columns';
import { ColumnsMenu } from './ColumnsMenu';
import { ComparePanel, type Baseline } from './ComparePanel';
import { FindBar } from './FindBar';
import { gridKeyAction } from './grid-keys';
import { GridTable, type CellEvents, type GridHandle } from './GridTable';
import type { PageLoadError } from './load-pages';
import { RecordDetail } from './RecordDetail';
import { ResultsChart } from './ResultsChart';
import { ResultsToolbar } from './ResultsToolbar';
import { isTruncated, matchingRows } from './row-filter';
import { SelectionStats } from './SelectionStats';
import { SingleValue } from './SingleValue';
import { TruncationBanner } from './TruncationBanner';
import { STATS_CELL_LIMIT, useCellSelection } from './useCellSelection';
import { useColumnLayout } from './useColumnLayout';
import { useFindInResults } from './useFindInResults';
import { useResultCharts } from './useResultCharts';
import { useResultExport } from './useResultExport';
import { useRowExpansion } from './useRowExpansion';

export interface ResultsGridProps {
  result: TableResult;
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
  /** Why the remaining pages stopped arriving, and a way to ask again. */
  pageError: PageLoadError | undefined;
  onRetryPages: (() => void) | undefined;
}

/**
 * A result as a table (or chart, single value, comparison): sorting and the row filter decide
 * which records show in which order; the grid (GridTable) draws them; selection, keyboard
 * navigation, find, export and charts each live in their own hook or module.
 */
export function ResultsGrid(props: ResultsGridProps) {
  const { result, columns, busy, layout, onLayoutChange, baseline, onAddFilter, onFetchMore } = props;
  const grid = useRef<GridHandle>(null);
  const [sorting, setSorting] = useState<SortingState>([]);
  const [utc, setUtc] = useState(false);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const [detailOpen, setDetailOpen] = useState(false);
  const [view, setView] = useState<ChartKind | undefined>(undefined);
  const [columnsOpen, setColumnsOpen] = useState(false);
  const [compareOpen, setCompareOpen] = useState(false);
  const [findText, setFindText] = useState('');
  // Which match is current, tied to the search it indexes (a new search has none current).
  const [findAt, setFindAt] = useState<{ of: object | null; index: number }>({ of: null, index: -1 });
  const display = useMemo<ValueFormatOptions>(() => ({ zone: utc ? 'utc' : 'local' }), [utc]);

  const records = result.records;
  const lookup = useMemo(() => new FieldTypeLookup(result.types), [result.types]);
  // Formatted texts outlive later pages of the same result (metadata stays) and re-sorting.
  const cells = useMemo(
    () => new CellTextCache(lookup, display),
    // result.metadata marks the result: a new run brings a new one, later pages keep it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [result.metadata, lookup, display],
  );
  const { table, shownColumns, pinnedCount, widths, totalWidth } = useColumnLayout({
    records,
    columns,
    lookup,
    layout,
    onLayoutChange,
    sorting,
    onSortingChange: setSorting,
  });

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

  const selection = useCellSelection(records, recordAt, shownColumns);
  const { focus, range, select, clear } = selection;
  const expansion = useRowExpansion({ records, recordAt, columns: shownColumns, lookup, display });
  const clearExpansion = expansion.clear;

  // A new result, a new order or a new filter starts at its first record, with nothing selected.
  // (A paged result's later pages keep its metadata object, so they do not count as new.)
  useEffect(() => {
    grid.current?.scrollToTop();
    clear();
    clearExpansion();
  }, [result.metadata, sorting, deferredFilter, clear, clearExpansion]);
  useEffect(() => clear(), [shownColumns, clear]);

  const find = useFindInResults(records, shown, rowCount, shownColumns, findText);
  const { matches } = find;
  const currentMatch = findAt.of === find.searchId ? findAt.index : -1;
  const stepFind = (direction: 1 | -1) => {
    const count = matches.rows.length;
    const index =
      currentMatch < 0 && focus && direction === 1
        ? matchFrom(matches, focus.row, focus.col)
        : stepMatch(count, currentMatch, direction);
    if (index < 0) return;
    setFindAt({ of: find.searchId, index });
    const point = { row: matches.rows[index]!, col: matches.cols[index]! };
    select(point, false);
    grid.current?.reveal(point);
  };
  const currentPoint =
    currentMatch >= 0 && currentMatch < matches.rows.length
      ? { row: matches.rows[currentMatch]!, col: matches.cols[currentMatch]! }
      : undefined;
  const focusColumn = focus ? shownColumns[focus.col] : undefined;
  const selectedRecord = focus && focus.row < rowCount ? recordAt(focus.row) : undefined;
  // One object per record shown in the detail panel (records are held by column).
  const detailRecord = useMemo(
    () => (detailOpen && selectedRecord !== undefined ? records.record(selectedRecord) : null),
    [detailOpen, records, selectedRecord],
  );

  const { charts, activeView, single, spec } = useResultCharts(
    records,
    recordAt,
    rowCount,
    columns,
    lookup,
    view,
  );
  const exporter = useResultExport({
    records,
    rows: shown ?? order ?? undefined,
    rowCount,
    columns,
    shownColumns,
    lookup,
    display,
  });

  const onGridKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return;
    const action = gridKeyAction(
      { key: e.key, shift: e.shiftKey, ctrl: e.ctrlKey || e.metaKey },
      focus,
      selection.anchor !== null,
      detailOpen,
      { rows: rowCount, cols: shownColumns.length, page: grid.current?.pageRows() ?? 1 },
    );
    if (!action) return;
    if (action.kind === 'move') {
      select(action.to, action.extend);
      grid.current?.reveal(action.to);
      e.preventDefault();
    } else if (action.kind === 'rows' && selection.anchor && focus) {
      // Whole rows: the selection widens to every visible column.
      selection.setAnchor({ row: selection.anchor.row, col: 0 });
      selection.setFocus({ row: focus.row, col: shownColumns.length - 1 });
      e.preventDefault();
    } else if (action.kind === 'toggle-expand' && focus) {
      expansion.toggle(focus.row, focus.col);
      e.preventDefault();
    } else if (action.kind === 'open-detail') setDetailOpen(true);
    else if (action.kind === 'close-detail') setDetailOpen(false);
    else if (action.kind === 'copy') {
      selection.copySelection(action.asJson);
      e.preventDefault();
    }
  };

  // Stable, so the grid's rows do not re-render for new handlers.
  const cellEvents = useMemo<CellEvents>(
    () => ({
      mouseDown: (e: MouseEvent, row: number, col: number) => {
        if (e.button === 0) select({ row, col }, e.shiftKey);
      },
      dragOver: (row: number, col: number) => selection.setFocus({ row, col }),
      click: (e: MouseEvent) => {
        if (!e.shiftKey) setDetailOpen(true);
      },
    }),
    // setFocus is a state setter (stable).
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [select],
  );

  const dropColumn = useCallback(
    (source: string, target: string) => {
      const arranged = arrangeColumns(columns, layout);
      const delta = arranged.indexOf(target) - arranged.indexOf(source);
      if (source !== target) onLayoutChange(moveColumn(layout, columns, source, delta));
    },
    [columns, layout, onLayoutChange],
  );
  const numericColumn = useCallback((id: string) => isNumericType(lookup.columnType(id)), [lookup]);
  const compareAvailable = baseline !== null && baseline.result !== result;
  const comparing = compareOpen && compareAvailable;

  let body;
  if (comparing && baseline) {
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
    body = (
      <div className="results-body">
        <GridTable
          handle={grid}
          table={table}
          columns={shownColumns}
          widths={widths}
          pinnedCount={pinnedCount}
          totalWidth={totalWidth}
          records={records}
          rowCount={rowCount}
          recordAt={recordAt}
          cells={cells}
          busy={busy}
          range={range}
          focus={focus}
          matchRows={find.matchRows}
          currentMatch={currentPoint}
          numericColumn={numericColumn}
          onDropColumn={dropColumn}
          onKeyDown={onGridKey}
          events={cellEvents}
          expanded={expansion.expanded}
          onToggleExpand={expansion.toggle}
          renderExpansion={expansion.renderExpansion}
        />
        {detailOpen && selectedRecord !== undefined && (
          <RecordDetail
            record={detailRecord}
            index={selectedRecord}
            columns={columns}
            lookup={lookup}
            display={display}
            field={focusColumn}
            onAddFilter={onAddFilter}
            onClose={() => {
              setDetailOpen(false);
              grid.current?.focus();
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
        pageError={props.pageError}
        onRetryPages={props.onRetryPages}
        onExport={(choice) => void exporter.exportAs(choice)}
        exporting={exporter.exporting}
        exportMessage={exporter.message}
        charts={charts}
        view={activeView}
        onViewChange={setView}
        columnsOpen={columnsOpen}
        onColumnsToggle={() => setColumnsOpen(!columnsOpen)}
        compare={{
          canKeep: true,
          onKeep: props.onKeepBaseline,
          available: compareAvailable,
          open: comparing,
          toggle: () => setCompareOpen(!compareOpen),
        }}
      />
      {!activeView && !comparing && (
        <FindBar
          text={findText}
          onTextChange={setFindText}
          count={matches.rows.length}
          current={currentMatch}
          capped={matches.capped}
          progress={find.progress}
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
      {focus && !activeView && !comparing && (
        <div className="selection-bar">
          {selection.stats && <SelectionStats stats={selection.stats} />}
          {selection.size > STATS_CELL_LIMIT && (
            <span className="selection-stats">
              {formatCount(selection.size)} cells selected; statistics are computed for up to{' '}
              {formatCount(STATS_CELL_LIMIT)}.
            </span>
          )}
          <button type="button" className="link-button" onClick={() => selection.copySelection(false)}>
            Copy selection as TSV
          </button>
          <button type="button" className="link-button" onClick={() => selection.copySelection(true)}>
            Copy selection as JSON
          </button>
          <span role="status" aria-label="Grid status">
            {expansion.status || selection.status}
          </span>
        </div>
      )}
    </div>
  );
}
