import { describe, expect, it } from 'vitest';
import { expectedCounts, planArrival } from '../../../src-renderer/features/composer/arrival-plan';
import { addEventIds } from '../../../src-renderer/features/composer/event-ids';
import { arrivalText } from '../../../src-renderer/features/composer/SendResult';

const NOW = 1_700_000_000_000_000_000n; // 2023-11-14T22:13:20Z

describe('planArrival', () => {
  it('tracks events by their own event.id and counts the ones Grail will name', () => {
    const plan = planArrival('[{"event.id":"a"},{"x":1},{"event.id":"a"},5]', 'application/json', NOW);
    expect(plan).toMatchObject({
      items: 4,
      tracked: [
        { index: 0, eventId: 'a' },
        { index: 2, eventId: 'a' },
      ],
      untracked: 1,
    });
  });

  it('uses the CloudEvent id and widens the timeframe to the payload timestamps', () => {
    const plan = planArrival(
      '{"specversion":"1.0","id":"ce-1","source":"s","type":"t","time":"2023-08-07T07:07:13Z"}',
      'application/cloudevent+json',
      NOW,
    );
    expect(plan?.tracked).toEqual([{ index: 0, eventId: 'ce-1' }]);
    expect(plan?.timeframeStart).toBe('2023-08-07T07:06:13.000000000Z');
    expect(plan?.timeframeEnd).toBe('2023-11-14T22:24:20.000000000Z');
  });

  it('has nothing to plan for text that is not JSON', () => {
    expect(planArrival('{', 'application/json', NOW)).toBeUndefined();
  });
});

describe('expectedCounts', () => {
  it('adds what this send stores to what was there before, leaving rejected events out', () => {
    const plan = planArrival(
      '[{"event.id":"a"},{"event.id":"b"},{"event.id":"a"}]',
      'application/json',
      NOW,
    )!;
    expect(expectedCounts(plan, { a: 3 }, new Set([1]))).toEqual([{ eventId: 'a', count: 5 }]);
  });
});

describe('addEventIds', () => {
  it('inserts an event.id into each event without one, keeping the indentation', () => {
    let n = 0;
    const text = '[\n  {\n    "a": 1\n  },\n  {"event.id": "mine"},\n  {}\n]';
    const out = addEventIds(text, () => `id-${++n}`);
    expect(out.added).toBe(2);
    expect(out.text).toBe(
      '[\n  {\n    "event.id": "id-1",\n    "a": 1\n  },\n  {"event.id": "mine"},\n  {"event.id": "id-2"}\n]',
    );
    expect(addEventIds('{"a":', () => 'x')).toEqual({ text: '{"a":', added: 0 });
  });

  it('fills in a null event.id (Grail would drop it and generate one), and only the last of repeats', () => {
    expect(addEventIds('{"event.id": null, "a": 1}', () => 'x')).toEqual({
      text: '{"event.id": "x", "a": 1}',
      added: 1,
    });
    expect(addEventIds('{"event.id": "old", "event.id": null}', () => 'x').text).toBe(
      '{"event.id": "old", "event.id": "x"}',
    );
    expect(addEventIds('{"event.id": null, "event.id": "mine"}', () => 'x').added).toBe(0);
  });
});

describe('arrivalText', () => {
  it('says how long it took, or how long it waited', () => {
    const outcome = { found: 2, expected: 2, elapsedMs: 1400, polls: 3 };
    expect(arrivalText({ phase: 'done', untracked: 0, outcome: { ...outcome, state: 'arrived' } })).toBe(
      'Arrived: 2 events queryable 1.40 s after the send was acknowledged (3 queries).',
    );
    expect(
      arrivalText({
        phase: 'done',
        untracked: 1,
        outcome: { ...outcome, found: 1, elapsedMs: 60_000, state: 'timeout' },
      }),
    ).toBe('Not visible after 1 min 0 s: 1 of 2 events queryable. 1 event without event.id not tracked.');
  });
});
