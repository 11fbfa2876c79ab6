import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DuckDBValue } from '@duckdb/node-api';
import { encodeRow } from '../../../../src-main/sandbox/store-codec';
import { ColumnCatalog } from '../../../../src-main/sandbox/store-columns';
import { ResidueWriter, readStoredRow, storedLayout } from '../../../../src-main/sandbox/store-rows';
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

/** The stored rows as `SELECT *` gives them back: fixed columns, then the typed ones. */
function store(catalog: ColumnCatalog, batch: readonly Row[]) {
  const stored = new ResidueWriter(batch);
  const typed = catalog.shred(batch, stored);
  expect(typed.covered).toBe(true);
  const names = [
    'seq',
    'ts_ns',
    'ingest_ns',
    'fields',
    'fields_length',
    ...catalog.columns.map((c) => `c${c.ord}`),
  ];
  const results = batch.map((row, r): DuckDBValue[] => [
    BigInt(r),
    (row.get('timestamp') as { ns: bigint }).ns,
    0n,
    stored.texts[r] as string,
    stored.lengths[r] as number,
    ...typed.values.map((column) => column[r] ?? null),
  ]);
  return { layout: storedLayout(names, catalog), results, stored };
}

describe('stored rows', () => {
  it('read back whole, in their order, with the size of their whole text', () => {
    fc.assert(
      fc.property(rows, (batch) => {
        const catalog = new ColumnCatalog([], []);
        catalog.apply(catalog.changesFor(batch));
        const { layout, results, stored } = store(catalog, batch);
        batch.forEach((row, r) => {
          const back = readStoredRow(layout, results[r] as DuckDBValue[]);
          expect([...back.keys()]).toEqual([...row.keys()]);
          expect(back).toEqual(row);
          expect(stored.lengths[r]).toBe(encodeRow(row).length);
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
    const catalog = new ColumnCatalog([], []);
    catalog.apply(catalog.changesFor([row]));
    const { stored } = store(catalog, [row]);
    expect(stored.texts[0]).toBe('[["list",["p","q"]],["z",null]]');
  });

  it('keeps the whole text of a row whose names are not in stored order', () => {
    const row: Row = new Map<string, Value>([
      ['timestamp', timestampValue(5n)],
      ['b', 'x'],
      ['a', 1n],
    ]);
    const catalog = new ColumnCatalog([], []);
    catalog.apply(catalog.changesFor([row]));
    const { stored, layout, results } = store(catalog, [row]);
    expect(stored.texts[0]).toBe(encodeRow(row));
    expect([...readStoredRow(layout, results[0] as DuckDBValue[]).keys()]).toEqual(['timestamp', 'b', 'a']);
  });

  it('refuses a typed column the catalogue does not describe', () => {
    const catalog = new ColumnCatalog([], []);
    expect(() => storedLayout(['seq', 'ts_ns', 'fields', 'fields_length', 'c7'], catalog)).toThrow(
      /does not describe c7/,
    );
  });
});
