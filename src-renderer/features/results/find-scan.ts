/**
 * "Find in results" as an incremental scan: the same matches as `findCells` (every cell, in reading
 * order, whose value as sent contains the text, case-insensitive), found a slice of rows at a time
 * so a million-row search never blocks the UI, shows its first matches at once and can be dropped
 * as soon as the text changes. Values are read straight from the records (no re-formatting).
 */
import { tsvField } from '../../../src-shared/results/copy-text';
import type { CellMatches } from '../../../src-shared/results/find-cells';
import type { ColumnReader, RecordTable } from '../../../src-shared/results/record-table';

export const FIND_LIMIT = 100_000;

/**
 * A test equal to `tsvField(value).toLowerCase().includes(text)` for a trimmed, lower-cased
 * needle, without its per-cell costs where they cannot change the answer: the whitespace rewrite
 * only matters to a needle holding whitespace, and case only to one holding letters or non-ASCII.
 */
export function cellMatcher(text: string): (value: unknown) => boolean {
  const spaced = /\s/.test(text);
  // Only ASCII non-letters: no other character lower-cases to one of them, so case is moot.
  const caseless = /^[\x20-\x40\x5b-\x60\x7b-\x7e]*$/.test(text);
  return (value) => {
    if (value === undefined || value === null) return false;
    if (typeof value === 'string' && !spaced) {
      return caseless ? value.includes(text) : value.toLowerCase().includes(text);
    }
    if (typeof value === 'number' && caseless) return String(value).includes(text);
    return tsvField(value).toLowerCase().includes(text);
  };
}

export interface ScanInput {
  records: RecordTable;
  /** Display position → record position (after sort and filter); null: the natural order. */
  order: Int32Array | null;
  rowCount: number;
  columns: readonly string[];
  needle: string;
  limit?: number;
}

export class CellScan {
  private readonly rows: number[] = [];
  private readonly cols: number[] = [];
  private readonly test: (value: unknown) => boolean;
  private readonly limit: number;
  private readonly readers: ColumnReader[];
  /** The next display row to look at. */
  private next = 0;
  capped = false;

  constructor(private readonly input: ScanInput) {
    this.test = cellMatcher(input.needle.trim().toLowerCase());
    this.limit = input.limit ?? FIND_LIMIT;
    this.readers = input.columns.map((column) => input.records.column(column));
    if (!input.needle.trim() || input.columns.length === 0) this.next = input.rowCount;
  }

  get done(): boolean {
    return this.capped || this.next >= this.input.rowCount;
  }

  /** Share of the rows looked at, 0–1. */
  get progress(): number {
    return this.input.rowCount === 0 ? 1 : Math.min(1, this.next / this.input.rowCount);
  }

  get found(): number {
    return this.rows.length;
  }

  /** Scans up to `maxRows` more rows; true when the scan is complete. */
  step(maxRows: number): boolean {
    const { records, order, rowCount } = this.input;
    const readers = this.readers;
    const end = Math.min(rowCount, this.next + maxRows);
    for (let row = this.next; row < end; row++) {
      const index = order ? order[row]! : row;
      if (!records.has(index)) continue;
      for (let col = 0; col < readers.length; col++) {
        if (!this.test(readers[col]!.value(index))) continue;
        if (this.rows.length === this.limit) {
          this.capped = true;
          this.next = row;
          return true;
        }
        this.rows.push(row);
        this.cols.push(col);
      }
    }
    this.next = end;
    return this.done;
  }

  /** The matches found so far (reading order, so earlier snapshots are prefixes of later ones). */
  matches(): CellMatches {
    return { rows: Int32Array.from(this.rows), cols: Int32Array.from(this.cols), capped: this.capped };
  }
}
