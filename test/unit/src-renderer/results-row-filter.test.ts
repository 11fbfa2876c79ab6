import { describe, expect, it } from 'vitest';
import { isTruncated, matchingRows } from '../../../src-renderer/features/results/row-filter';
import { RecordTable } from '../../../src-shared/results/record-table';

const records = RecordTable.from([
  { a: 'Alpha', n: '12345' },
  null,
  { a: 'beta', n: '7', r: { deep: 'ALPHA-nested' } },
  { a: 'gamma' },
]);

describe('matchingRows', () => {
  it('keeps the display order and matches any column case-insensitively', () => {
    expect(
      Array.from(matchingRows(records, ['a', 'n', 'r'], 'alpha', Int32Array.from([3, 2, 1, 0]))!),
    ).toEqual([2, 0]);
  });
  it('matches longs by their exact digits', () => {
    expect(Array.from(matchingRows(records, ['a', 'n'], '234', null)!)).toEqual([0]);
  });
  it('returns the given order untouched for an empty filter', () => {
    expect(matchingRows(records, ['a'], '  ', null)).toBeNull();
  });
});

describe('isTruncated', () => {
  it('recognises the record-limit notification and ignores others', () => {
    const limited = {
      notifications: [
        { notificationType: 'RESULT_LIMIT_RECORDS', message: 'Your result has been limited to 1000.' },
      ],
    };
    expect(isTruncated({ metadata: { grail: limited } })).toBe(true);
    expect(
      isTruncated({ metadata: { grail: { notifications: [{ notificationType: 'SAMPLING_APPLIED' }] } } }),
    ).toBe(false);
    expect(isTruncated({ metadata: {} })).toBe(false);
  });
});
