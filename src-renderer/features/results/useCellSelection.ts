import { useCallback, useMemo, useState } from 'react';
import { cellStats } from '../../../src-shared/results/cell-stats';
import {
  rangeAsJson,
  rangeAsTsv,
  rangeOf,
  rangeSize,
  rangeValues,
  type CellPoint,
} from '../../../src-shared/results/cell-range';
import { rowAsJson } from '../../../src-shared/results/copy-text';
import type { RecordTable } from '../../../src-shared/results/record-table';
import { copyText } from './download';

/** Beyond this many selected cells, statistics would stall the UI (a distinct set per value). */
export const STATS_CELL_LIMIT = 1_000_000;

/**
 * Cell selection of the grid: an anchor and a focused cell (display row, visible column) span a
 * rectangular range; its statistics, and copying it as TSV or JSON.
 */
export function useCellSelection(
  records: RecordTable,
  recordAt: (position: number) => number,
  shownColumns: readonly string[],
) {
  const [anchor, setAnchor] = useState<CellPoint | null>(null);
  const [focus, setFocus] = useState<CellPoint | null>(null);
  const [status, setStatus] = useState('');
  const read = useCallback(
    (row: number, column: string) => records.value(recordAt(row), column),
    [records, recordAt],
  );
  const range = anchor && focus ? rangeOf(anchor, focus) : null;
  const size = range ? rangeSize(range) : 0;
  const stats = useMemo(
    () =>
      range && size > 1 && size <= STATS_CELL_LIMIT
        ? cellStats(rangeValues(range, shownColumns, read))
        : undefined,
    // range is rebuilt per render; its corners are what matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [range?.top, range?.bottom, range?.left, range?.right, shownColumns, read],
  );

  /** Focus a cell; `extend` keeps the anchor (Shift), otherwise the cell becomes the anchor too. */
  const select = useCallback((point: CellPoint, extend: boolean) => {
    setFocus(point);
    if (extend) setAnchor((a) => a ?? point);
    else setAnchor(point);
  }, []);
  const clear = useCallback(() => {
    setAnchor(null);
    setFocus(null);
  }, []);

  const copySelection = (asJson: boolean) => {
    if (!range || !focus) return;
    const multi = size > 1;
    let text: string;
    if (asJson && !multi) text = rowAsJson(records.record(recordAt(focus.row)));
    else text = asJson ? rangeAsJson(range, shownColumns, read) : rangeAsTsv(range, shownColumns, read);
    const what = multi ? `${size} cells` : asJson ? 'the row' : 'the cell';
    void copyText(text).then((ok) =>
      setStatus(ok ? `Copied ${what} as ${asJson ? 'JSON' : 'TSV'}.` : 'The clipboard is not available.'),
    );
  };

  return { anchor, focus, setAnchor, setFocus, select, clear, range, size, stats, status, copySelection };
}
