import { describe, expect, it } from 'vitest';
import { MinuteTotals, addToRollup } from '../../../../src-main/sandbox/store-rollup';

const MIN = 60_000_000_000n;

describe('per-minute totals of an ingest batch', () => {
  it('counts records and bytes per minute, negative times floored, in any row order', () => {
    const t = new MinuteTotals();
    for (const [ts, bytes] of [
      [5n * MIN + 1n, 10],
      [5n * MIN + MIN - 1n, 20],
      [6n * MIN, 1],
      [5n * MIN, 4], // back to a minute seen before
      [-1n, 7],
      [-MIN, 8],
    ] as [bigint, number][])
      t.add(ts, bytes);
    expect([...t.byMinute]).toEqual([
      [5n, { records: 3, bytes: 34 }],
      [6n, { records: 1, bytes: 1 }],
      [-1n, { records: 2, bytes: 15 }],
    ]);
  });

  it('writes one insert for the minutes (no upsert: appends in flight must not conflict), nothing when there are none', () => {
    expect(addToRollup(new MinuteTotals())).toBe('');
    const t = new MinuteTotals();
    t.add(-1n, 5);
    expect(addToRollup(t)).toBe('INSERT INTO bizevents_minutes VALUES (-1, 1, 5);');
    expect(addToRollup(t).trimEnd().endsWith(';')).toBe(true);
  });
});
