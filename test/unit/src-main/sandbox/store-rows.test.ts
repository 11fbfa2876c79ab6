import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DuckDBValue } from '@duckdb/node-api';
import { encodeRow } from '../../../../src-main/sandbox/store-codec';
import { ColumnCatalog } from '../../../../src-main/sandbox/store-columns';
import { toBatch } from '../../../../src-main/sandbox/event-batch';
import type { EventBatch } from '../../../../src-main/sandbox/event-batch';
import { chunkColumns, readStoredRow, storedLayout } from '../../../../src-main/sandbox/store-rows';
import type { FlattenedEvent } from '../../../../src-shared/grail/flatten';
import { compareStoredFieldNames } from '../../../../src-shared/grail/ingest-rules';
import { durationValue, timestampValue } from '../../../../src-shared/grail/values';
import type { Row, Value } from '../../../../src-shared/grail/values';

const value: fc.Arbitrary<Value> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.string(),
  fc.constantFrom('a"b\\c', 'lone \ud800', 'nul \0', 'tab\t', '😀'),
  fc.double(),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }),
  fc.bigInt({ min: 0n, max: 2n ** 62n }).map(durationValue),
  fc.array(fc.string(), { maxLength: 2 }),
);

const name = fc.oneof(fc.constantFrom('a', 'b', 'event.id', 'x.y', '1', '__proto__'), fc.string());

/** Rows as the store gets them: a timestamp, other fields in stored order or, sometimes, not. */
const rows = fc.array(
  fc
    .tuple(
      fc.bigInt({ min: 0n, max: 2n ** 62n }),
      fc.uniqueArray(fc.tuple(name, value), { selector: (e) => e[0], maxLength: 6 }),
      fc.boolean(),
    )
    .map(([ts, entries, sorted]): Row => {
      const fields = entries.filter(([k]) => k !== 'timestamp');
      if (sorted) fields.sort((a, b) => compareStoredFieldNames(a[0], b[0]));
      return new Map<string, Value>([['timestamp', timestampValue(ts)], ...fields]);
    }),
  { maxLength: 8 },
);

const eventsOf = (rows: readonly Row[]): FlattenedEvent[] =>
  rows.map((fields, index) => ({
    index,
    timestampNs: (fields.get('timestamp') as { ns: bigint }).ns,
    fields,
  }));

/**
 * The rows stored in one chunk, cut into `cuts` batches (the catalogue first learns what they need),
 * as `SELECT *` gives them back: fixed columns, then the typed ones.
 */
function store(catalog: ColumnCatalog, rows: readonly Row[], cuts = 1) {
  const size = Math.max(1, Math.ceil(rows.length / cuts));
  const batches: EventBatch[] = [];
  for (let i = 0; i < rows.length; i += size) batches.push(toBatch(eventsOf(rows.slice(i, i + size)), 7n));
  const parts = batches.map((batch) => ({ batch, from: 0, to: batch.count }));
  if (rows.length > 0 && chunkColumns(catalog, parts, 0n) === undefined)
    catalog.apply(catalog.changesForBatches(batches));
  const chunk = chunkColumns(catalog, parts, 0n);
  if (!chunk) throw new Error('the catalogue still lacks columns');
  const names = [
    'seq',
    'ts_ns',
    'ingest_ns',
    'fields',
    'fields_length',
    ...catalog.columns.map((c) => `c${c.ord}`),
  ];
  const results = rows.map((_, r): DuckDBValue[] => chunk.values.map((column) => column[r] ?? null));
  const texts = chunk.values[3] as string[];
  const lengths = chunk.values[4] as number[];
  return { layout: storedLayout(names, catalog), results, texts, lengths };
}

describe('stored rows', () => {
  it('read back whole, in their order, with the size of their whole text', () => {
    fc.assert(
      fc.property(rows, rows, fc.integer({ min: 1, max: 3 }), (before, batch, cuts) => {
        // What was stored before decides which fields are impure already.
        const catalog = new ColumnCatalog([], []);
        store(catalog, before);
        const { layout, results, lengths } = store(catalog, batch, cuts);
        batch.forEach((row, r) => {
          const back = readStoredRow(layout, results[r] as DuckDBValue[]);
          expect([...back.keys()]).toEqual([...row.keys()]);
          expect(back).toEqual(row);
          expect(lengths[r]).toBe(encodeRow(row).length);
        });
      }),
    );
  });

  it('writes as text only what no typed column holds, and never the time key', () => {
    const row: Row = new Map<string, Value>([
      ['timestamp', timestampValue(5n)],
      ['a', 'x'],
      ['list', ['p', 'q']],
      ['n', 1n],
      ['z', null],
    ]);
    const { texts } = store(new ColumnCatalog([], []), [row]);
    expect(texts[0]).toBe('[["list",["p","q"]],["z",null]]');
  });

  it('writes the values of a field the catalogue holds impure into the text, in stored order', () => {
    const catalog = new ColumnCatalog([], []);
    const at = (x: Value): Row =>
      new Map<string, Value>([
        ['timestamp', timestampValue(5n)],
        ['a', ['list']],
        ['x', x],
        ['z', null],
      ]);
    store(catalog, [at('nul \0')]);
    expect(catalog.field('x').pure).toBe(false);
    const { texts, layout, results } = store(catalog, [at('plain')]);
    expect(texts[0]).toBe('[["a",["list"]],["x","plain"],["z",null]]');
    expect(readStoredRow(layout, results[0] as DuckDBValue[])).toEqual(at('plain'));
  });

  it('keeps the whole text of a row whose names are not in stored order', () => {
    const row: Row = new Map<string, Value>([
      ['timestamp', timestampValue(5n)],
      ['b', 'x'],
      ['a', 1n],
    ]);
    const { texts, layout, results } = store(new ColumnCatalog([], []), [row]);
    expect(texts[0]).toBe(encodeRow(row));
    expect([...readStoredRow(layout, results[0] as DuckDBValue[]).keys()]).toEqual(['timestamp', 'b', 'a']);
  });

  it('refuses a typed column the catalogue does not describe', () => {
    const catalog = new ColumnCatalog([], []);
    expect(() => storedLayout(['seq', 'ts_ns', 'fields', 'fields_length', 'c7'], catalog)).toThrow(
      /does not describe c7/,
    );
  });
});
