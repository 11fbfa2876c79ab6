import { describe, expect, it } from 'vitest';
import { editDistance, nearestName } from '../../../../src-shared/dql/suggest';

describe('nearestName', () => {
  it('counts insertions, deletions, substitutions and transpositions as one edit', () => {
    expect(editDistance('limt', 'limit')).toBe(1);
    expect(editDistance('fitler', 'filter')).toBe(1);
    expect(editDistance('sumarise', 'summarize')).toBe(2);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('suggests within typo distance only, preferring the closest and case-exact matches', () => {
    expect(nearestName('limt', ['filter', 'limit', 'lookup'])).toBe('limit');
    expect(nearestName('Limit', ['limit'])).toBe('limit');
    expect(nearestName('frobnicate', ['filter', 'limit'])).toBeUndefined();
    expect(nearestName('c', ['a', 'b'])).toBeUndefined();
    expect(nearestName('countt', ['count', 'countIf'])).toBe('count');
  });
});
