import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { QueryResult } from '../../../../src-shared/grail/wire';
import {
  exportChunks,
  fromCsv,
  project,
  toCsv,
  toJson,
  toNdjson,
} from '../../../../src-shared/results/export';
import { FieldTypeLookup, formatCell } from '../../../../src-renderer/features/results/columns';

/** A result as Grail sends it: longs/durations as strings, 9-digit timestamps, two type buckets. */
const RESULT: QueryResult = {
  records: [
    {
      timestamp: '2024-01-01T12:00:00.123456789Z',
      total: '9223372036854775807',
      price: 12.5,
      ok: true,
      name: 'comma, "quote"\nnewline',
      empty: '',
      took: '2500000000',
      items: ['a', 'b'],
      customer: { firstName: 'John' },
    },
    {
      timestamp: '2024-01-02T00:00:00.000000000Z',
      total: '-3',
      price: -0.25,
      ok: false,
      name: 'plain',
      empty: null,
      took: '0',
      items: [],
      customer: {},
    },
    { timestamp: '2024-01-03T00:00:00.000000000Z', total: '1', price: 1, ok: true, name: 'x', took: '1' },
  ],
  types: [
    {
      indexRange: [0, 1],
      mappings: {
        timestamp: { type: 'timestamp' },
        total: { type: 'long' },
        price: { type: 'double' },
        ok: { type: 'boolean' },
        name: { type: 'string' },
        empty: { type: 'string' },
        took: { type: 'duration' },
        items: { type: 'array' },
        customer: { type: 'record' },
      },
    },
    {
      indexRange: [2, 2],
      mappings: {
        timestamp: { type: 'timestamp' },
        total: { type: 'long' },
        price: { type: 'double' },
        ok: { type: 'boolean' },
        name: { type: 'string' },
        took: { type: 'duration' },
      },
    },
  ],
  metadata: {},
};
const COLUMNS = ['timestamp', 'total', 'price', 'ok', 'name', 'empty', 'took', 'items', 'customer'];
const lookup = new FieldTypeLookup(RESULT.types);
/** What the result means: null and absent both read back as absent from CSV. */
const withoutNulls = RESULT.records.map((r) =>
  Object.fromEntries(Object.entries(r ?? {}).filter(([, v]) => v !== null)),
);

describe('CSV export', () => {
  it('round-trips a typed result (types from the wire buckets)', () => {
    const csv = toCsv(RESULT.records, COLUMNS);
    expect(fromCsv(csv, (row, field) => lookup.typeOf(row, field))).toEqual(withoutNulls);
  });
  it('keeps longs as their exact digits and quotes strings, so "" differs from null', () => {
    const csv = toCsv(RESULT.records, COLUMNS);
    const rows = Papa.parse<string[]>(csv).data;
    expect(rows[0]).toEqual(COLUMNS);
    expect(rows[1]![1]).toBe('9223372036854775807');
    expect(csv.split('\r\n')[1]).toContain(',"",');
  });
  it('exports in display order when given positions', () => {
    const csv = toCsv(RESULT.records, ['name'], [2, 0]);
    expect(Papa.parse<string[]>(csv, { skipEmptyLines: true }).data.map((r) => r[0])).toEqual([
      'name',
      'x',
      'comma, "quote"\nnewline',
    ]);
  });
  it('writes formatted text when asked, leaving null and absent cells empty', () => {
    const csv = toCsv(
      RESULT.records,
      ['total', 'took'],
      undefined,
      (value, row, field) => formatCell(value, lookup.typeOf(row, field), { zone: 'utc' }).text,
    );
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(rows[1]).toEqual(['9,223,372,036,854,775,807', '2.5 s']);
  });
});

describe('JSON and NDJSON export', () => {
  it('JSON parses back to the records', () => {
    expect(JSON.parse(toJson(RESULT.records))).toEqual(RESULT.records);
  });
  it('NDJSON has one record per line and parses back', () => {
    const text = toNdjson(RESULT.records);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual(RESULT.records);
  });
});

describe('chunked export', () => {
  it.each(['csv', 'json', 'ndjson'] as const)('%s in parts reads back like the one-shot export', (format) => {
    const rows = [2, 0, 1];
    const text = [...exportChunks(format, RESULT.records, COLUMNS, rows, { chunk: 2 })]
      .map((p) => p.text)
      .join('');
    const picked = rows.map((i) => RESULT.records[i]);
    if (format === 'csv') expect(text).toBe(toCsv(RESULT.records, COLUMNS, rows));
    else if (format === 'json') expect(JSON.parse(text)).toEqual(picked);
    else expect(text).toBe(toNdjson(RESULT.records, rows));
  });

  it.each(['json', 'ndjson'] as const)('%s keeps only the given fields, in their order', (format) => {
    const fields = ['total', 'timestamp'];
    const text = [...exportChunks(format, RESULT.records, COLUMNS, undefined, { chunk: 2, fields })]
      .map((p) => p.text)
      .join('');
    const back =
      format === 'json'
        ? (JSON.parse(text) as object[])
        : text
            .trimEnd()
            .split('\n')
            .map((l) => JSON.parse(l) as object);
    expect(back).toHaveLength(RESULT.records.length);
    back.forEach((record, i) => {
      const source = RESULT.records[i]!;
      expect(record).toEqual({ total: source.total, timestamp: source.timestamp });
      expect(Object.keys(record)).toEqual(fields);
    });
  });

  it('projects a record to fields, absent ones staying absent', () => {
    expect(project({ a: 1, b: null, c: 3 }, ['c', 'b', 'x'])).toEqual({ c: 3, b: null });
    expect(Object.keys(project({ a: 1, b: null, c: 3 }, ['c', 'b', 'x'])!)).toEqual(['c', 'b']);
    expect(project(null, ['a'])).toBeNull();
  });

  it('reports progress per part and handles an empty result', () => {
    const parts = [...exportChunks('ndjson', RESULT.records, COLUMNS, undefined, { chunk: 2 })];
    expect(parts.map((p) => [p.done, p.total])).toEqual([
      [2, 3],
      [3, 3],
    ]);
    expect(JSON.parse([...exportChunks('json', [], COLUMNS)].map((p) => p.text).join(''))).toEqual([]);
    expect([...exportChunks('csv', [], ['a', 'b'])].map((p) => p.text).join('')).toBe(toCsv([], ['a', 'b']));
  });
});
