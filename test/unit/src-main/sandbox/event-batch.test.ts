import { describe, expect, it } from 'vitest';
import { flattenToBatch, toBatch } from '../../../../src-main/sandbox/event-batch';
import { encodeRow } from '../../../../src-main/sandbox/store-codec';
import { flattenIngestBody } from '../../../../src-shared/grail/flatten';
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

  // Consecutive events that leave the same pairs share one text (event-batch.ts: samePairs).
  it("gives every event its own residue's text, also where events before left the same pairs", () => {
    const ts = (i: number): [string, Value] => ['timestamp', timestampValue(BigInt(i))];
    const tags = ['x'];
    const rows: [string, Value][][] = [
      [ts(0), ['a', tags], ['b', 'p'], ['c', null]],
      [ts(1), ['a', tags], ['b', 'q'], ['c', null]], // the same pairs
      [ts(2), ['a', ['y']], ['b', 'r'], ['c', null]], // another array
      [ts(3), ['a', ['x']], ['b', 's'], ['c', null]], // an equal array, not the same one
      [ts(4), ['a', 'plain'], ['b', 't'], ['c', null]], // a pair fewer
      [ts(5), ['a', 'nul\0'], ['b', 'a "quoted"\n\u0001 word'], ['c', null]], // a string no column holds
      [ts(6), ['a', 'nul\0'], ['b', 'u'], ['c', null]],
    ];
    const events = rows.map((pairs, i) => event(i, pairs));
    const batch = toBatch(events, 9n);
    const residue = (pairs: [string, Value][]) =>
      pairs.filter(
        ([k, v]) => k !== 'timestamp' && (v === null || Array.isArray(v) || String(v).includes('\0')),
      );
    expect(batch.wholeRows).toEqual([]);
    expect(batch.texts).toEqual(rows.map((pairs) => encodeRow(new Map(residue(pairs)))));
    expect(batch.lengths).toEqual(events.map((e) => encodeRow(e.fields).length));
  });
});

describe('flattenToBatch', () => {
  // It takes the flattening's events without their Maps (the sink); the batch must be the one of
  // the rows. Events with ids and times of their own: nothing generated differs between the two.
  it('gives the batch of the flattened rows, for scanned and parsed events alike', () => {
    const NOW = 1_700_000_000_000_000_000n;
    const events = [
      '{"event.id":"1","event.type":"t","event.provider":"p","total":5,"customer":{"n":"J"},"timestamp":1700000000001}',
      '{"event.id":"2","event.type":"t","event.provider":"p","total":6.5,"customer":{"n":"D"},"timestamp":1700000000002}',
      '{"event.id":"3","event.type":"t","event.provider":"p","total":7,"total":8,"timestamp":1700000000003}',
      '{"event.id":"4","a\\u0062":"escaped key","x":null,"tags":["a","b"],"timestamp":"2023-11-14T22:13:20Z"}',
      '{"event.id":"5","event.type":"t","event.provider":"p","total":5,"customer":{ "n" : "J" },"timestamp":1700000000005}',
      '{"event.id":"6","event.type":"t","event.provider":"p","note":"a \\"quoted\\" word","timestamp":1700000000006}',
      '[1]',
      '{"event.id":"8","event.type":"t","event.provider":"p","total":5,"customer":{"n":"J"},"timestamp":1700000000008}',
    ];
    const body = `[${events.join(',')}]`;
    const rows = flattenIngestBody(body, 'application/json', { nowNs: NOW, newId: () => 'generated' });
    const direct = flattenToBatch(body, 'application/json', NOW);
    if (!rows.ok || !direct.ok) throw new Error('the body flattens');
    expect(rows.events).toHaveLength(7);
    expect(direct.rejected).toEqual(rows.rejected);
    expect(direct.batch).toEqual(toBatch(rows.events, NOW));
    // Every column has a value or null per event, also after its last value.
    for (const t of direct.batch.typed) expect(t.values).toHaveLength(7);
    expect(direct.batch.typed.find((t) => t.field === 'note')?.values).toEqual([
      ...[null, null, null, null, null],
      'a "quoted" word',
      null,
    ]);
  });
});
