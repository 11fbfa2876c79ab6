import { describe, expect, it } from 'vitest';
import { toBatch } from '../../../../src-main/sandbox/event-batch';
import { encodeRow } from '../../../../src-main/sandbox/store-codec';
import type { FlattenedEvent } from '../../../../src-shared/grail/flatten';
import { timestampValue } from '../../../../src-shared/grail/values';
import type { Value } from '../../../../src-shared/grail/values';

const event = (index: number, pairs: [string, Value][]): FlattenedEvent => {
  const fields = new Map<string, Value>(pairs);
  if (!fields.has('timestamp')) fields.set('timestamp', timestampValue(BigInt(index)));
  return { index, timestampNs: BigInt(index), fields };
};

describe('toBatch', () => {
  // Events that repeat the names of the one before take the shortcut (event-batch.ts: seqNames);
  // every departure from them must still be checked for stored order.
  it('stores whole the rows out of stored order, also among rows of one shape', () => {
    const ts = (i: number): [string, Value] => ['timestamp', timestampValue(BigInt(i))];
    const events = [
      event(0, [ts(0), ['a', 'x'], ['b', 1n], ['c', null]]),
      event(1, [ts(1), ['a', 'y'], ['b', 2n], ['c', null]]), // the same names
      event(2, [ts(2), ['a', 'z'], ['c', null], ['b', 3n]]), // departs at the second name: out of order
      event(3, [ts(3), ['a', 'w'], ['b', 4n], ['c', null]]), // back to the first names
      event(4, [['b', 5n], ts(4), ['a', 'v']]), // departs at the first name: out of order
      event(5, [['b', 6n], ts(5), ['a', 'u']]), // the names of an unordered row
      event(6, [ts(6), ['a', 't'], ['b', 7n]]), // a prefix of the first names
    ];
    const batch = toBatch(events, 9n);
    expect(batch.wholeRows).toEqual([2, 4, 5]);
    for (const r of batch.wholeRows) expect(batch.texts[r]).toBe(encodeRow(events[r]!.fields));
    expect(batch.lengths).toEqual(events.map((e) => encodeRow(e.fields).length));
    const a = batch.typed.find((t) => t.field === 'a' && t.type === 's');
    expect(a?.values).toEqual(['x', 'y', 'z', 'w', 'v', 'u', 't']);
    expect(batch.texts[1]).toBe('[["c",null]]');
  });
});
