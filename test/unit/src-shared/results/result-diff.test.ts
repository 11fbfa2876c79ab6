import { describe, expect, it } from 'vitest';
import { diffResults } from '../../../../src-shared/results/result-diff';

describe('diffResults', () => {
  const before = [
    { id: '1', name: 'a', total: '5' },
    { id: '2', name: 'b', total: '7' },
    { id: '3', name: 'c', total: '9' },
  ];
  const after = [
    { id: '2', name: 'b', total: '8' },
    { id: '3', name: 'c', total: '9' },
    { id: '4', name: 'd', total: '1' },
  ];

  it('finds added, removed and changed rows by a key, with the fields that changed', () => {
    const diff = diffResults(before, after, ['id']);
    expect(diff.added).toEqual([{ id: '4', name: 'd', total: '1' }]);
    expect(diff.removed).toEqual([{ id: '1', name: 'a', total: '5' }]);
    expect(diff.changed).toEqual([{ key: '["2"]', before: before[1], after: after[0], fields: ['total'] }]);
    expect(diff.unchanged).toBe(1);
    expect(diff.duplicateKeys).toEqual([]);
  });

  it('keys by several columns, treats a field that appears or disappears as a change, and reports repeated keys', () => {
    const diff = diffResults(
      [{ a: 'x', b: 1 }, { a: 'x', b: 1, extra: true }, null],
      [{ a: 'x', b: 1, extra: { n: 1 } }],
      ['a', 'b'],
    );
    expect(diff.changed.map((c) => c.fields)).toEqual([['extra']]);
    expect(diff.duplicateKeys).toEqual(['["x",1]']);
  });

  it('tells a long from a double with the same digits', () => {
    expect(diffResults([{ k: 1, v: '5' }], [{ k: 1, v: 5 }], ['k']).changed).toHaveLength(1);
  });

  it('asks for a key', () => {
    expect(() => diffResults(before, after, [])).toThrow(/key column/);
  });
});
