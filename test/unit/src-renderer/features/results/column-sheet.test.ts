import { describe, expect, it } from 'vitest';
import { CellTextCache } from '../../../../../src-renderer/features/results/cell-text-cache';
import {
  columnClass,
  columnSheet,
  gridScope,
} from '../../../../../src-renderer/features/results/column-sheet';
import { FieldTypeLookup, formatCell } from '../../../../../src-renderer/features/results/columns';
import { RecordTable } from '../../../../../src-shared/results/record-table';

describe('column sheet', () => {
  it('gives every visible column its width and pinned columns their sticky offsets', () => {
    const css = columnSheet('rg-x', [100, 50, 80], 2, 230);
    expect(css.split('\n')).toEqual([
      '.rg-x > tbody > tr { width: 230px; }',
      '.rg-x .c0 { width: 100px; left: 0px; }',
      '.rg-x .c1 { width: 50px; left: 100px; }',
      '.rg-x .c2 { width: 80px; }',
    ]);
    expect(columnClass(2)).toBe('c2');
  });

  it('makes a selector-safe scope from React ids', () => {
    expect(gridScope(':r1a:')).toBe('rg-r1a');
    expect(gridScope('«r2»')).toBe('rg-r2');
    expect(gridScope('_r_3_')).toBe('rg-_r_3_');
  });
});

describe('cell text cache', () => {
  const lookup = new FieldTypeLookup([{ mappings: { n: { type: 'long' }, t: { type: 'timestamp' } } }]);
  const display = { zone: 'utc' as const };

  it('returns what formatCell returns, and the same object on a second read', () => {
    const cache = new CellTextCache(lookup, display);
    const records = RecordTable.from([
      ...Array<null>(7).fill(null),
      { n: '1234567', t: '2026-01-01T00:00:00.000000001Z' },
      null,
    ]);
    const first = cache.text(records, 7, 'n');
    expect(first).toEqual(formatCell('1234567', 'long', display));
    expect(cache.text(records, 7, 'n')).toBe(first);
    expect(cache.text(records, 7, 't').text).toBe('2026-01-01T00:00:00.000000001Z');
    expect(cache.text(records, 8, 'n')).toEqual({ text: '', kind: 'absent' });
  });

  it('stays bounded, dropping the least recently used pages', () => {
    const cache = new CellTextCache(lookup, display);
    const records = RecordTable.from(Array.from({ length: 300_000 }, (_, i) => ({ n: String(i) })));
    const changed = RecordTable.from(Array.from({ length: 300_000 }, () => ({ n: 'changed' })));
    const first = cache.text(records, 0, 'n');
    for (let i = 1; i < 300_000; i++) cache.text(records, i, 'n');
    expect(cache.size).toBeLessThanOrEqual(200_000);
    expect(cache.size).toBeGreaterThan(190_000);
    // The oldest page was dropped: reading it again formats anew; a recent one is still kept.
    expect(cache.text(changed, 0, 'n')).not.toBe(first);
    expect(cache.text(changed, 299_999, 'n').text).toBe('299,999');
  });
});
