/**
 * Export of a loaded result as CSV (papaparse), JSON or NDJSON, and the reverse for CSV so a
 * round trip can be checked. Values keep their wire form: longs and durations as the digit
 * strings Grail sent, timestamps as RFC 3339 text, nested records/arrays as JSON text in CSV.
 * In CSV an empty unquoted cell is null/absent and strings are always quoted, so an empty string
 * survives.
 */
import Papa from 'papaparse';
import type { QueryResult, ResultRecord, WireFieldTypeName } from '../grail/wire';

export type ExportFormat = 'csv' | 'json' | 'ndjson';

export const EXPORT_MIME: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  json: 'application/json',
  ndjson: 'application/x-ndjson',
};

type TypeOf = (row: number, field: string) => WireFieldTypeName | undefined;

/**
 * Records to export: a result's array, or records held otherwise (the renderer's column table)
 * that give each one by position.
 */
export type RecordRows =
  QueryResult['records'] | { readonly length: number; record(row: number): ResultRecord | null };

function recordOf(records: RecordRows, row: number): ResultRecord | null | undefined {
  return 'record' in records ? records.record(row) : records[row];
}

function csvCell(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/**
 * Text for one cell in a "formatted" CSV (as the table shows it: grouped numbers, local times);
 * null leaves the cell empty. Gets the record's position, because types are per position.
 */
export type CsvFormatter = (value: unknown, record: number, field: string) => string | null;

/**
 * CSV with a header row of `columns`; `rows` are record positions (display order), default all.
 * Raw by default (values as sent); with `format`, each present value is written as it returns.
 */
export function toCsv(
  records: RecordRows,
  columns: readonly string[],
  rows?: ArrayLike<number>,
  format?: CsvFormatter,
): string {
  const data: (string | null)[][] = [];
  const count = rows ? rows.length : records.length;
  for (let i = 0; i < count; i++) {
    const at = rows ? rows[i]! : i;
    const record = recordOf(records, at);
    data.push(
      columns.map((c) => {
        const value = record?.[c];
        if (!format || value === undefined || value === null) return csvCell(value);
        return format(value, at, c);
      }),
    );
  }
  const quoteStrings = (value: unknown) => typeof value === 'string';
  return Papa.unparse(
    { fields: [...columns], data },
    { quotes: quoteStrings, newline: '\r\n', header: true },
  );
}

/** One JSON array of the records (absent fields stay absent). */
export function toJson(records: QueryResult['records'], rows?: ArrayLike<number>): string {
  return JSON.stringify(pick(records, rows), null, 2);
}

/** One record per line. */
export function toNdjson(records: QueryResult['records'], rows?: ArrayLike<number>): string {
  return pick(records, rows)
    .map((r) => JSON.stringify(r))
    .join('\n')
    .concat('\n');
}

/**
 * A record cut down to `fields`, in that order (absent fields stay absent): JSON exports then hold
 * the columns the table shows, as CSV and Parquet do.
 */
export function project(
  record: ResultRecord | null | undefined,
  fields: readonly string[],
): ResultRecord | null {
  if (!record) return null;
  const out: ResultRecord = {};
  for (const field of fields) if (Object.hasOwn(record, field)) out[field] = record[field];
  return out;
}

function pick(records: QueryResult['records'], rows?: ArrayLike<number>): QueryResult['records'] {
  if (!rows) return records;
  return Array.from({ length: rows.length }, (_, i) => records[rows[i]!] ?? null);
}

/**
 * Reads an exported CSV back into records, typing each cell by the result's `types`
 * (`typeOf(row, field)`): doubles and untyped numerals to numbers, booleans, records/arrays parsed
 * from JSON, everything else (long, duration, timestamp, string) as text. Unquoted empty → absent.
 */
export function fromCsv(text: string, typeOf: TypeOf): ResultRecord[] {
  const lines = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
  const [header, ...rows] = lines.data;
  if (!header) return [];
  const quoted = quotedEmptyCells(text);
  return rows.map((cells, row) => {
    const record: ResultRecord = {};
    header.forEach((field, col) => {
      const raw = cells[col] ?? '';
      if (raw === '' && !quoted.has(`${row + 1}:${col}`)) return;
      record[field] = typed(raw, typeOf(row, field));
    });
    return record;
  });
}

function typed(raw: string, type: WireFieldTypeName | undefined): unknown {
  switch (type) {
    case 'double':
      return Number(raw);
    case 'boolean':
      return raw === 'true';
    case 'array':
    case 'record':
    case 'timeframe':
      return JSON.parse(raw) as unknown;
    default:
      return raw;
  }
}

/** Positions ("line:column", header = line 0) of cells written as `""`, to tell them from null. */
function quotedEmptyCells(text: string): Set<string> {
  const found = new Set<string>();
  let line = 0;
  let col = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      const start = i;
      i++;
      while (i < text.length) {
        if (text[i] === '"' && text[i + 1] === '"') i += 2;
        else if (text[i] === '"') break;
        else i++;
      }
      if (i === start + 1) found.add(`${line}:${col}`);
      i++;
    } else if (ch === ',') {
      col++;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      col = 0;
      i++;
    } else i++;
  }
  return found;
}

/**
 * The same exports in parts of `chunk` records, so a large export can be built across event-loop
 * turns with progress in between. Joined, the parts read back to the same records as the one-shot
 * writers (JSON is laid out one record per line rather than indented).
 */
export function* exportChunks(
  format: ExportFormat,
  records: RecordRows,
  columns: readonly string[],
  rows?: ArrayLike<number>,
  options: { chunk?: number; format?: CsvFormatter; fields?: readonly string[] } = {},
): Generator<{ text: string; done: number; total: number }> {
  const chunk = options.chunk ?? 10_000;
  const total = rows ? rows.length : records.length;
  const at = (i: number) => (rows ? rows[i]! : i);
  const fields = options.fields;
  const json = (i: number) => {
    const record = recordOf(records, i);
    return JSON.stringify(fields ? project(record, fields) : (record ?? null));
  };
  if (format === 'json') yield { text: '[', done: 0, total };
  if (format === 'csv' && total === 0)
    yield { text: toCsv(records, columns, [], options.format), done: 0, total };
  for (let start = 0; start < total; start += chunk) {
    const end = Math.min(total, start + chunk);
    const part = Array.from({ length: end - start }, (_, i) => at(start + i));
    let text: string;
    if (format === 'csv') {
      const csv = toCsv(records, columns, part, options.format);
      // Every part after the first drops its header line and continues the previous one's last row.
      text = start === 0 ? csv : csv.slice(csv.indexOf('\r\n'));
    } else if (format === 'ndjson') {
      text = part.map(json).join('\n') + '\n';
    } else {
      text = part.map((i, k) => `${start + k === 0 ? '\n' : ',\n'}${json(i)}`).join('');
    }
    yield { text, done: end, total };
  }
  if (format === 'json') yield { text: '\n]\n', done: total, total };
}
