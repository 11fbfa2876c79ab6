/**
 * Streaming readers that cut a bulk file into one text per event, chunk by chunk, so a 1 GB file
 * is read in constant memory: NDJSON (one object per line), a JSON array of objects, and CSV with
 * a header row (cells parsed by papaparse). Each record remembers where it starts in the file so
 * errors found later (bad JSON inside it) still point at a line and column.
 */
import Papa from 'papaparse';
import { MAX_NESTING_DEPTH, MAX_REQUEST_BYTES } from '../grail/ingest-rules';
import { BulkInputError } from './bulk-input-error';
import type { SourcePosition } from './source-position';

export type BulkFileFormat = 'ndjson' | 'json-array' | 'csv';

export interface SourceRecord {
  /** JSON text of one event (for CSV: built from the row). */
  text: string;
  /** Where the record starts in the file. */
  at: SourcePosition;
}

export interface RecordReader {
  /** Feeds the next decoded chunk; returns the records completed by it. Throws BulkInputError. */
  push(chunk: string): SourceRecord[];
  /** The file ended: returns the last records or throws if the file stops mid-record. */
  end(): SourceRecord[];
}

/** No event can be larger than a whole request; longer records are refused before they fill memory. */
export const MAX_RECORD_CHARS = MAX_REQUEST_BYTES;

export function createRecordReader(format: BulkFileFormat): RecordReader {
  switch (format) {
    case 'ndjson':
      return new NdjsonReader();
    case 'json-array':
      return new JsonArrayReader();
    case 'csv':
      return new CsvReader();
  }
}

/** Guesses the format from the file name and its first characters. */
export function detectBulkFormat(name: string, head: string): BulkFileFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  const first = /[^\s\uFEFF]/.exec(head)?.[0];
  if (first === '[') return 'json-array';
  if (first === '{') return 'ndjson';
  return 'csv';
}

function stripBom(chunk: string, first: boolean): string {
  return first && chunk.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
}

class NdjsonReader implements RecordReader {
  private carry = '';
  private line = 1;
  private started = false;

  push(chunk: string): SourceRecord[] {
    const text = this.carry + stripBom(chunk, !this.started);
    this.started = true;
    const out: SourceRecord[] = [];
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      this.emit(text, from, nl, out);
      from = nl + 1;
    }
    this.carry = text.slice(from);
    if (this.carry.length > MAX_RECORD_CHARS) this.tooLong();
    return out;
  }

  end(): SourceRecord[] {
    const out: SourceRecord[] = [];
    this.emit(this.carry, 0, this.carry.length, out);
    this.carry = '';
    return out;
  }

  private emit(text: string, from: number, to: number, out: SourceRecord[]): void {
    const end = to > from && text.charCodeAt(to - 1) === 0x0d ? to - 1 : to;
    if (end - from > MAX_RECORD_CHARS) this.tooLong();
    const line = text.slice(from, end);
    // Blank lines separate nothing in NDJSON; they are skipped rather than refused.
    if (line.trim() !== '') out.push({ text: line, at: { line: this.line, column: 1 } });
    this.line++;
  }

  private tooLong(): never {
    throw new BulkInputError(
      `The line is longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters; one event must fit a 5 MiB request.`,
      { line: this.line, column: 1 },
    );
  }
}

const enum Phase {
  Start,
  BeforeElement,
  AfterElement,
  InElement,
  Done,
}

/** Splits `[ {…}, {…} ]` into its elements without parsing them (the event preparation does). */
class JsonArrayReader implements RecordReader {
  private phase = Phase.Start;
  private line = 1;
  private column = 1;
  private started = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private parts: string[] = [];
  private partsLength = 0;
  private elementAt: SourcePosition = { line: 1, column: 1 };
  private count = 0;

  push(chunk: string): SourceRecord[] {
    const text = stripBom(chunk, !this.started);
    this.started = true;
    const out: SourceRecord[] = [];
    let elementFrom = this.phase === Phase.InElement ? 0 : -1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.phase === Phase.InElement) {
        if (this.inString) {
          if (this.escaped) this.escaped = false;
          else if (c === 0x5c) this.escaped = true;
          else if (c === 0x22) this.inString = false;
        } else if (c === 0x22) this.inString = true;
        else if (c === 0x7b || c === 0x5b) {
          if (++this.depth > MAX_NESTING_DEPTH)
            this.fail(`The element is nested deeper than the maximum of ${MAX_NESTING_DEPTH} levels.`);
        } else if (c === 0x7d || c === 0x5d) {
          if (--this.depth === 0) {
            this.addPart(text.slice(elementFrom, i + 1));
            out.push({ text: this.parts.join(''), at: this.elementAt });
            this.parts = [];
            this.partsLength = 0;
            this.phase = Phase.AfterElement;
            elementFrom = -1;
          }
        }
      } else if (!(c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) {
        // structural() moves the phase on; an opening brace starts an element.
        if (this.structural(c, text[i] as string)) {
          elementFrom = i;
          this.elementAt = { line: this.line, column: this.column };
          this.depth = 1;
          this.count++;
        }
      }
      if (c === 0x0a) {
        this.line++;
        this.column = 1;
      } else this.column++;
    }
    if (this.phase === Phase.InElement) this.addPart(text.slice(elementFrom));
    return out;
  }

  end(): SourceRecord[] {
    if (this.phase === Phase.Start) this.fail('The file is empty: expected a JSON array of events.');
    if (this.phase !== Phase.Done)
      this.fail("Unexpected end of file: the JSON array is not closed with ']'.");
    return [];
  }

  /** A non-whitespace character outside an element. */
  private structural(c: number, ch: string): boolean {
    switch (this.phase) {
      case Phase.Start:
        if (c !== 0x5b) this.fail(`Expected '[' to start a JSON array of events, found '${ch}'.`);
        this.phase = Phase.BeforeElement;
        return false;
      case Phase.BeforeElement:
        if (c === 0x5d && this.count === 0) {
          this.phase = Phase.Done;
          return false;
        }
        if (c !== 0x7b)
          this.fail(
            c === 0x5d
              ? "Expected another element after ','."
              : `Element ${this.count} of the array is not a JSON object.`,
          );
        this.phase = Phase.InElement;
        return true;
      case Phase.AfterElement:
        if (c === 0x2c) this.phase = Phase.BeforeElement;
        else if (c === 0x5d) this.phase = Phase.Done;
        else this.fail(`Expected ',' or ']' after an array element, found '${ch}'.`);
        return false;
      default:
        return this.fail(`Unexpected '${ch}' after the end of the JSON array.`);
    }
  }

  private addPart(part: string): void {
    this.partsLength += part.length;
    if (this.partsLength > MAX_RECORD_CHARS)
      throw new BulkInputError(
        `The element is longer than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters; one event must fit a 5 MiB request.`,
        this.elementAt,
      );
    if (part) this.parts.push(part);
  }

  private fail(reason: string): never {
    throw new BulkInputError(reason, { line: this.line, column: this.column });
  }
}

/**
 * CSV with a header row: rows are cut at line breaks outside quotes, then parsed by papaparse.
 * Cells that read as JSON numbers or booleans are typed (`42`, `1.5`, `true`); empty cells are
 * left out of the event (CSV cannot tell an empty string from a missing value); the rest are strings.
 */
class CsvReader implements RecordReader {
  private carry = '';
  private inQuotes = false;
  /** Scan position in `carry` (already checked for row ends). */
  private scanned = 0;
  private row = 0;
  private header: string[] | undefined;
  private started = false;

  push(chunk: string): SourceRecord[] {
    this.carry += stripBom(chunk, !this.started);
    this.started = true;
    let lastRowEnd = -1;
    const text = this.carry;
    for (let i = this.scanned; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) this.inQuotes = !this.inQuotes;
      else if (c === 0x0a && !this.inQuotes) lastRowEnd = i;
    }
    this.scanned = text.length;
    if (lastRowEnd === -1) {
      if (text.length > MAX_RECORD_CHARS)
        throw new BulkInputError('The row is longer than one 5 MiB request allows.', { line: this.row + 1 });
      return [];
    }
    // Without its last line break: papaparse would read an empty row after it.
    const complete = text.slice(
      0,
      lastRowEnd > 0 && text.charCodeAt(lastRowEnd - 1) === 0x0d ? lastRowEnd - 1 : lastRowEnd,
    );
    this.carry = text.slice(lastRowEnd + 1);
    this.scanned = this.carry.length;
    if (complete === '') {
      this.row++; // a blank line alone in its chunk
      return [];
    }
    return this.rows(complete);
  }

  end(): SourceRecord[] {
    const rest = this.carry;
    this.carry = '';
    if (this.inQuotes)
      throw new BulkInputError('The file ends inside a quoted cell.', { line: this.row + 1 });
    const out = rest.trim() === '' ? [] : this.rows(rest);
    if (!this.header) throw new BulkInputError('The CSV file is empty: expected a header row.', { line: 1 });
    return out;
  }

  private rows(text: string): SourceRecord[] {
    const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false });
    const out: SourceRecord[] = [];
    const error = parsed.errors[0];
    if (error && error.code !== 'UndetectableDelimiter')
      throw new BulkInputError(`${error.message}.`, { line: this.row + (error.row ?? 0) + 1 });
    for (const cells of parsed.data) {
      this.row++;
      if (cells.length === 1 && cells[0] === '') continue; // a blank line, or the trailing newline
      if (!this.header) {
        this.header = this.checkHeader(cells);
        continue;
      }
      if (cells.length !== this.header.length)
        throw new BulkInputError(`The row has ${cells.length} cells; the header has ${this.header.length}.`, {
          line: this.row,
        });
      out.push({ text: this.toJson(cells), at: { line: this.row } });
    }
    return out;
  }

  private checkHeader(cells: string[]): string[] {
    const seen = new Set<string>();
    cells.forEach((name, i) => {
      if (name.trim() === '')
        throw new BulkInputError(`Header cell ${i + 1} is empty: every column needs a field name.`, {
          line: this.row,
        });
      if (seen.has(name)) throw new BulkInputError(`The header names '${name}' twice.`, { line: this.row });
      seen.add(name);
    });
    return cells;
  }

  private toJson(cells: string[]): string {
    const header = this.header as string[];
    let out = '{';
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] as string;
      if (cell === '') continue;
      if (out.length > 1) out += ',';
      out += `${JSON.stringify(header[i])}:${typedCell(cell)}`;
    }
    return `${out}}`;
  }
}

/** JSON numbers without leading zeros (so ids like 007 stay text) and booleans are typed. */
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

function typedCell(cell: string): string {
  if (cell === 'true' || cell === 'false' || JSON_NUMBER.test(cell)) return cell;
  return JSON.stringify(cell);
}
