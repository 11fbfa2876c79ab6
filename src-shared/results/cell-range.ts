/**
 * A rectangular cell selection in display coordinates (row positions after sort/filter, column
 * positions among the visible columns), from an anchor to a focus, and its contents as TSV or JSON.
 */
import { tsvField } from './copy-text';

export interface CellPoint {
  row: number;
  col: number;
}

export interface CellRange {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function rangeOf(anchor: CellPoint, focus: CellPoint): CellRange {
  return {
    top: Math.min(anchor.row, focus.row),
    bottom: Math.max(anchor.row, focus.row),
    left: Math.min(anchor.col, focus.col),
    right: Math.max(anchor.col, focus.col),
  };
}

export function inRange(range: CellRange, row: number, col: number): boolean {
  return row >= range.top && row <= range.bottom && col >= range.left && col <= range.right;
}

export function rangeSize(range: CellRange): number {
  return (range.bottom - range.top + 1) * (range.right - range.left + 1);
}

/** Reads a cell by display row and column name. */
export type CellReader = (row: number, column: string) => unknown;

/** Every value in the range, row by row. */
export function* rangeValues(range: CellRange, columns: readonly string[], read: CellReader) {
  for (let r = range.top; r <= range.bottom; r++) {
    for (let c = range.left; c <= range.right; c++) yield read(r, columns[c]!);
  }
}

/** TSV: a header line of the selected columns when more than one cell, then one line per row. */
export function rangeAsTsv(range: CellRange, columns: readonly string[], read: CellReader): string {
  const names = columns.slice(range.left, range.right + 1);
  const lines: string[] = [];
  if (rangeSize(range) > 1) lines.push(names.map(tsvField).join('\t'));
  for (let r = range.top; r <= range.bottom; r++)
    lines.push(names.map((n) => tsvField(read(r, n))).join('\t'));
  return lines.join('\n');
}

/** JSON: an array of objects holding the selected columns (absent fields left out). */
export function rangeAsJson(range: CellRange, columns: readonly string[], read: CellReader): string {
  const names = columns.slice(range.left, range.right + 1);
  const rows: Record<string, unknown>[] = [];
  for (let r = range.top; r <= range.bottom; r++) {
    const row: Record<string, unknown> = {};
    for (const n of names) {
      const v = read(r, n);
      if (v !== undefined) row[n] = v;
    }
    rows.push(row);
  }
  return JSON.stringify(rows, null, 2);
}
