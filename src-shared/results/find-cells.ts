/**
 * "Search within loaded results": every cell (display row, visible column) whose value contains the
 * search text, case-insensitive, in reading order (row by row, left to right). Values are matched
 * as sent, like the row filter (strings as-is, nested values as JSON), so a long's exact digits are
 * found. Stops after `limit` matches so a one-letter search over a million rows stays bounded.
 */
import { tsvField } from './copy-text';

export interface CellMatches {
  /** Display row of each match, ascending. */
  rows: Int32Array;
  /** Visible-column index of each match (same length as rows). */
  cols: Int32Array;
  /** True when the search stopped at `limit`: there are more matches than listed. */
  capped: boolean;
}

export const NO_MATCHES: CellMatches = { rows: new Int32Array(0), cols: new Int32Array(0), capped: false };

export function findCells(
  rowCount: number,
  columnCount: number,
  read: (row: number, col: number) => unknown,
  needle: string,
  limit = 100_000,
): CellMatches {
  const text = needle.trim().toLowerCase();
  if (!text || rowCount === 0 || columnCount === 0) return NO_MATCHES;
  const rows: number[] = [];
  const cols: number[] = [];
  for (let row = 0; row < rowCount; row++) {
    for (let col = 0; col < columnCount; col++) {
      const value = read(row, col);
      if (value === undefined || value === null) continue;
      if (!tsvField(value).toLowerCase().includes(text)) continue;
      if (rows.length === limit)
        return { rows: Int32Array.from(rows), cols: Int32Array.from(cols), capped: true };
      rows.push(row);
      cols.push(col);
    }
  }
  return { rows: Int32Array.from(rows), cols: Int32Array.from(cols), capped: false };
}

/** The match to go to from `current` (-1: none yet), wrapping around at either end. */
export function stepMatch(count: number, current: number, direction: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return direction === 1 ? 0 : count - 1;
  return (current + direction + count) % count;
}

/**
 * The first match at or after a cell (reading order), wrapping to the first one; -1 when none. Lets
 * "next match" continue from the focused cell rather than from the top.
 */
export function matchFrom(matches: CellMatches, row: number, col: number): number {
  const { rows, cols } = matches;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]! < row || (rows[mid] === row && cols[mid]! < col)) lo = mid + 1;
    else hi = mid;
  }
  return rows.length === 0 ? -1 : lo === rows.length ? 0 : lo;
}

/** Matches grouped by display row: the visible-column indexes matched in each row. */
export function matchesByRow(matches: CellMatches): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (let i = 0; i < matches.rows.length; i++) {
    const row = matches.rows[i]!;
    const list = out.get(row);
    if (list) list.push(matches.cols[i]!);
    else out.set(row, [matches.cols[i]!]);
  }
  return out;
}
