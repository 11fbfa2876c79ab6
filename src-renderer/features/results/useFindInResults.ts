import { useEffect, useState } from 'react';
import { matchesByRow, NO_MATCHES, type CellMatches } from '../../../src-shared/results/find-cells';
import type { RecordTable } from '../../../src-shared/results/record-table';
import { CellScan } from './find-scan';

/** Rows per slice between clock checks, and the time a slice may take before yielding. */
const ROWS_PER_CHECK = 2048;
const SLICE_MS = 12;
/** After the first matches, how often the growing match list is handed to the grid. */
const PUBLISH_MS = 250;

export interface FindState {
  matches: CellMatches;
  matchRows: Map<number, number[]>;
  /** 0–1 while the scan runs; undefined when it is complete (or there is nothing to find). */
  progress: number | undefined;
  /** Identifies the search the matches belong to; a current-match index is valid within it. */
  searchId: object;
}

const IDLE: FindState = { matches: NO_MATCHES, matchRows: new Map(), progress: undefined, searchId: {} };
const STARTING: FindState = { ...IDLE, progress: 0 };

/** The inputs a published state was found for; a state for other inputs is stale. */
interface Published {
  state: FindState;
  records: RecordTable;
  order: Int32Array | null;
  columns: readonly string[];
  needle: string;
}

/** Yields to the event loop (input, paint) before the next slice: a message, not a 4 ms-clamped timer. */
function nextTask(run: () => void): () => void {
  const channel = new MessageChannel();
  channel.port1.onmessage = run;
  channel.port2.postMessage(null);
  return () => channel.port1.close();
}

/**
 * Searches the loaded records in slices, cancelled (and restarted) whenever the text, the rows or
 * the columns change. The first slice runs in the next task, so a small result answers at once
 * and a big one shows its first matches while the rest is searched.
 */
export function useFindInResults(
  records: RecordTable,
  order: Int32Array | null,
  rowCount: number,
  columns: readonly string[],
  needle: string,
): FindState {
  const [published, setPublished] = useState<Published | null>(null);
  const idle = !needle.trim() || rowCount === 0 || columns.length === 0;
  useEffect(() => {
    if (idle) return;
    const scan = new CellScan({ records, order, rowCount, columns, needle });
    const searchId = {};
    let cancel: (() => void) | undefined;
    let lastPublish = -Infinity;
    let published = -1;
    const publish = () => {
      const matches = scan.matches();
      published = scan.found;
      lastPublish = performance.now();
      setPublished({
        state: {
          matches,
          matchRows: matchesByRow(matches),
          progress: scan.done ? undefined : scan.progress,
          searchId,
        },
        records,
        order,
        columns,
        needle,
      });
    };
    const slice = () => {
      const start = performance.now();
      while (!scan.step(ROWS_PER_CHECK) && performance.now() - start < SLICE_MS);
      const now = performance.now();
      // The first matches at once; then now and then, so the grid does not redo its match map per slice.
      if (scan.done || (scan.found > 0 && published <= 0) || now - lastPublish > PUBLISH_MS) publish();
      if (!scan.done) cancel = nextTask(slice);
    };
    cancel = nextTask(slice);
    return () => cancel?.();
  }, [idle, records, order, rowCount, columns, needle]);
  if (idle) return IDLE;
  const current =
    published !== null &&
    published.records === records &&
    published.order === order &&
    published.columns === columns &&
    published.needle === needle;
  return current ? published.state : STARTING;
}
