/** Clipboard text for cells and rows: TSV (tabs/newlines in values escaped as spaces) or JSON. */
import type { ResultRecord } from '../grail/wire';

/** A value as one TSV field: strings as-is, null/absent empty, nested values as JSON. */
export function tsvField(value: unknown): string {
  const text =
    value === undefined || value === null
      ? ''
      : typeof value === 'string'
        ? value
        : typeof value === 'number' || typeof value === 'boolean'
          ? String(value)
          : JSON.stringify(value);
  return text.replace(/[\t\r\n]+/g, ' ');
}

/** Header line plus one line for the record, tab-separated. */
export function rowAsTsv(record: ResultRecord | null | undefined, columns: readonly string[]): string {
  return `${columns.map(tsvField).join('\t')}\n${columns.map((c) => tsvField(record?.[c])).join('\t')}`;
}

export function rowAsJson(record: ResultRecord | null | undefined): string {
  return JSON.stringify(record ?? null, null, 2);
}
