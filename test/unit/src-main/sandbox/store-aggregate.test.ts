/**
 * Pushed-down counts and aggregations over the DuckDB store (store-aggregate.ts, store-timeframe.ts):
 * per-bin counts read from the per-minute rollup with partial edge minutes counted either way,
 * series whose own range is narrower than the fetch's, and filters written inline or bound — each
 * checked against known counts and against the pure evaluator over the same store.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStore } from '../../../../src-main/sandbox/store';
import type { EventStore } from '../../../../src-main/sandbox/store';
import { prepareQuery, runPrepared } from '../../../../src-shared/dql/engine';
import { timestampValue } from '../../../../src-shared/grail/values';
import type { Value } from '../../../../src-shared/grail/values';

const MIN_NS = 60_000_000_000n;
const S_NS = 1_000_000_000n;
const MS_NS = 1_000_000n;
/** A minute boundary; "now" is 30.5 s into the minute after base + 10 min. */
const BASE = 29_700_000n * MIN_NS;
const NOW = BASE + 10n * MIN_NS + 30n * S_NS + 500_000_000n;

let dir = '';
let store: EventStore;
/** Event times: seconds 5, 20, 40 and 55 of every minute from base − 3 min to base + 10 min. */
const times: bigint[] = [];
const G = ["it's", 'a\\b', 'ünï', 'plain'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizlens-store-aggregate-'));
  store = await openEventStore(dir);
  for (let m = -3n; m <= 10n; m++)
    for (const s of [5n, 20n, 40n, 55n]) times.push(BASE + m * MIN_NS + s * S_NS);
  await store.append(
    times.map((ns, i) => ({
      index: i,
      timestampNs: ns,
      fields: new Map<string, Value>([
        ['timestamp', timestampValue(ns)],
        ['g', G[i % G.length] as string],
        ['k', BigInt(i % 5)],
        // Unfit for a typed column (beyond int64): filters on `m` read the stored text.
        ...(i % 3 === 2 ? [] : [['m', i % 3 === 0 ? 1n : 2n ** 63n] as [string, Value]]),
      ]),
    })),
    NOW,
  );
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

async function run(query: string, pushdown: boolean) {
  const p = prepareQuery(query, { nowNs: NOW, pushdown });
  if (!p.ok) throw new Error(p.error.message);
  const r = await runPrepared(p.prepared, { source: store, nowNs: NOW, maxResultRecords: 1000 });
  if (r.state !== 'SUCCEEDED') throw new Error('not succeeded');
  return { ...r, pushdown: p.prepared.plan.pushdown };
}

/** Both ways, identical records and stats; the pushed-down outcome. */
async function bothWays(query: string) {
  const pushed = await run(query, true);
  const pure = await run(query, false);
  const { pushdown: _pushed, ...pushedResult } = pushed;
  const { pushdown: _pure, ...pureResult } = pure;
  expect(pure.pushdown).toBeUndefined();
  expect(pushedResult, query).toEqual(pureResult);
  return pushed;
}

const inRange = (from: bigint, to: bigint) => times.filter((t) => t >= from && t < to).length;

describe('store aggregation pushdown', () => {
  it('counts whole-minute bins from the rollup, each partial edge minute read either way', async () => {
    // Start 50 s into a minute (the smaller part inside), or 10 s (most of it inside); the end is
    // `now`, 30.5 s into its minute; and a timeframe within one minute.
    const frames: [string, bigint, bigint][] = [
      ['from: -12m', NOW - 12n * MIN_NS, NOW],
      ['from: -612s', NOW - 612n * S_NS, NOW],
      ['from: -25s', NOW - 25n * S_NS, NOW],
      ['from: -7m, to: -6m - 50s', NOW - 7n * MIN_NS, NOW - 6n * MIN_NS - 50n * S_NS],
      // 10 s to 58 s into one minute: most of it, less an event before.
      ['from: now() - 440500ms, to: now() - 392500ms', NOW - 440_500n * MS_NS, NOW - 392_500n * MS_NS],
    ];
    for (const [range, from, to] of frames)
      for (const interval of ['1m', '2m', '30s']) {
        const q = `fetch bizevents, ${range} | makeTimeseries c = count(), interval: ${interval}`;
        const r = await bothWays(q);
        expect(r.pushdown?.series, q).toBeDefined();
        expect(r.scannedRecords, q).toBe(inRange(from, to));
        const series = r.records[0]?.get('c') as (bigint | null)[];
        expect(
          series.reduce<bigint>((n, c) => n + (c ?? 0n), 0n),
          q,
        ).toBe(BigInt(inRange(from, to)));
      }
  });

  it("counts nothing outside a series' own narrower range (`from:` after the fetch's start)", async () => {
    const q = (series: string) => `fetch bizevents, from: -12m | makeTimeseries c = count(), ${series}`;
    // The series starts at base + 5 min (now − 330 s aligned down): the events 40 and 55 s into the
    // minute before must not land in its first bin.
    const start = BASE + 5n * MIN_NS;
    for (const [interval, ns] of [
      ['1m', MIN_NS],
      ['30s', 30n * S_NS],
    ] as const) {
      const r = await bothWays(q(`interval: ${interval}, from: now() - 330s`));
      expect(r.pushdown?.series).toBeDefined();
      const first = (r.records[0]?.get('c') as (bigint | null)[])[0];
      expect(first, interval).toBe(BigInt(inRange(start, start + ns)));
    }
    // Records only before the series: no series record at all (as the evaluator).
    const none = await bothWays(
      'fetch bizevents, from: -12m | filter timestamp < now() - 8m | makeTimeseries count(), interval: 1m, from: now() - 5m',
    );
    expect(none.records).toEqual([]);
    expect(none.scannedRecords).toBe(inRange(NOW - 12n * MIN_NS, NOW));
  });

  it('filters on strings written inline (quotes, backslashes) or bound (non-ASCII), negated too', async () => {
    const all = inRange(NOW - 15n * MIN_NS, NOW);
    for (const [g, dql] of [
      ["it's", "it's"],
      ['a\\b', 'a\\\\b'],
      ['ünï', 'ünï'],
    ])
      for (const [cmd, op] of [
        ['filter', '=='],
        ['filterOut', '=='],
        ['filter', '!='],
      ]) {
        const q = `fetch bizevents, from: -15m | ${cmd} g ${op} "${dql}" | summarize n = count(), s = sum(k), by: {g}`;
        const r = await bothWays(q);
        expect(r.pushdown?.filter, q).toBeDefined();
        const total = r.records.reduce<bigint>((n, row) => n + (row.get('n') as bigint), 0n);
        const equal = times.filter((t, i) => t < NOW && G[i % G.length] === g).length;
        expect(total, q).toBe(BigInt(cmd === 'filter' && op === '==' ? equal : all - equal));
      }
  });

  it('keeps null and missing apart from false under NOT in a pushed filter', async () => {
    for (const q of [
      'fetch bizevents, from: -15m | filter k > 1 or nope == "x" | summarize count()',
      'fetch bizevents, from: -15m | filterOut nope == 1 | summarize count()',
      'fetch bizevents, from: -15m | filterOut k >= 2.5 | summarize count(), by: {k}',
      'fetch bizevents, from: -15m | filterOut m == 1 | summarize count()',
      'fetch bizevents, from: -15m | filterOut m != 1 or k == 3 | summarize count()',
      'fetch bizevents, from: -15m | filter m == 1 or k == 2 | summarize count()',
      'fetch bizevents, from: -15m | filterOut isNull(m) | summarize count()',
    ]) {
      const r = await bothWays(q);
      expect(r.pushdown?.filter, q).toBeDefined();
    }
  });
});
