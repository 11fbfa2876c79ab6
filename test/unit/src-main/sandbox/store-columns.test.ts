import { describe, expect, it } from 'vitest';
import { ColumnCatalog, MAX_TYPED_COLUMNS, columnTypeOf } from '../../../../src-main/sandbox/store-columns';
import { durationValue, timestampValue } from '../../../../src-shared/grail/values';
import type { Row, Value } from '../../../../src-shared/grail/values';

const row = (entries: [string, Value][]): Row => new Map(entries);

describe('typed columns', () => {
  it('puts only values a DuckDB column gives back exactly into one', () => {
    expect(columnTypeOf(null)).toBeNull();
    expect(columnTypeOf('a😀')).toBe('s');
    expect(columnTypeOf(3n)).toBe('l');
    expect(columnTypeOf(2.5)).toBe('d');
    expect(columnTypeOf(true)).toBe('b');
    for (const odd of [
      'lone \ud800',
      'lone \udc00 low',
      'nul \0',
      2n ** 63n,
      -0,
      Number.NaN,
      Infinity,
      ['a'],
      timestampValue(1n),
      durationValue(1n),
    ] as Value[])
      expect(columnTypeOf(odd), String(odd)).toBeUndefined();
  });

  it('adds a column per new (field, type) and marks fields with unfit values impure for good', () => {
    const catalog = new ColumnCatalog([], []);
    const rows = [
      row([
        ['timestamp', timestampValue(1n)],
        ['a', 'x'],
        ['n', 1n],
      ]),
      row([
        ['n', 1.5],
        ['a', null],
        ['bad', 'ok'],
      ]),
      row([['bad', ['array']]]),
    ];
    const changes = catalog.changesFor(rows);
    expect(changes.columns.map((c) => [c.field, c.type])).toEqual([
      ['a', 's'],
      ['n', 'l'],
      ['n', 'd'],
    ]);
    expect(changes.impure).toEqual(['bad']);
    catalog.apply(changes);
    expect(catalog.field('n')).toEqual({ pure: true, columns: { l: 'c1', d: 'c2' } });
    expect(catalog.field('bad').pure).toBe(false);
    expect(catalog.field('timestamp').pure).toBe(false); // the time key has its own column
    expect(catalog.field('never.seen')).toEqual({ pure: true, columns: {} });
    expect(catalog.changesFor(rows)).toEqual({ columns: [], impure: [] });

    const { values } = catalog.shred(rows);
    expect(values).toEqual([
      ['x', null, null],
      [1n, null, null],
      [null, 1.5, null],
    ]);
  });

  it('stops adding columns at the limit: further fields are impure', () => {
    const catalog = new ColumnCatalog([], []);
    const wide = row(Array.from({ length: MAX_TYPED_COLUMNS + 2 }, (_, i): [string, Value] => [`f${i}`, 1n]));
    const changes = catalog.changesFor([wide]);
    expect(changes.columns).toHaveLength(MAX_TYPED_COLUMNS);
    expect(changes.impure).toEqual([`f${MAX_TYPED_COLUMNS}`, `f${MAX_TYPED_COLUMNS + 1}`]);
  });

  it('numbers new columns after the highest existing one', () => {
    const catalog = new ColumnCatalog([{ ord: 4, field: 'a', type: 's' }], ['z']);
    const changes = catalog.changesFor([row([['b', true]])]);
    expect(changes.columns).toEqual([{ ord: 5, field: 'b', type: 'b' }]);
  });

  it('shreds as covered exactly when the rows need no catalogue changes', () => {
    const catalog = new ColumnCatalog(
      [
        { ord: 0, field: 'a', type: 's' },
        { ord: 1, field: 'n', type: 'l' },
      ],
      ['z'],
    );
    const cases: [string, Row][] = [
      [
        'known columns',
        row([
          ['timestamp', timestampValue(1n)],
          ['a', 'x'],
          ['n', 2n],
        ]),
      ],
      [
        'nulls and an impure field',
        row([
          ['a', null],
          ['zz', null],
          ['z', ['any']],
        ]),
      ],
      ['a new type for a field', row([['n', 1.5]])],
      ['a new field', row([['b', true]])],
      ['a value that makes a field impure', row([['a', ['x']]])],
      ['a new field with an unfit value', row([['c', durationValue(1n)]])],
    ];
    for (const [name, r] of cases) {
      const changes = catalog.changesFor([r]);
      const needsChanges = changes.columns.length > 0 || changes.impure.length > 0;
      expect(catalog.shred([r]).covered, name).toBe(!needsChanges);
    }
    const mixed = [cases[0]?.[1] as Row, cases[3]?.[1] as Row];
    expect(catalog.shred(mixed).covered).toBe(false);
    catalog.apply(catalog.changesFor(mixed));
    const after = catalog.shred(mixed);
    expect(after.covered).toBe(true);
    expect(after.values).toEqual([
      ['x', null],
      [2n, null],
      [null, true],
    ]);
  });
});
