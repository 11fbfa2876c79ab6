import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareQuery, runPrepared } from '../../../../../src-shared/dql/engine';
import type { DataSource, PreparedQuery, RunOutcome } from '../../../../../src-shared/dql/engine';
import { parseRfc3339 } from '../../../../../src-shared/grail/timestamp';
import { timestampValue } from '../../../../../src-shared/grail/values';
import type { Row, Value } from '../../../../../src-shared/grail/values';
import { MemorySource } from './memory-source';

const NOW = parseRfc3339('2024-05-01T12:00:00Z') as bigint;
const MIN = 60_000_000_000n;

function prepared(query: string, pushdown = true): PreparedQuery {
  const p = prepareQuery(query, { nowNs: NOW, pushdown });
  if (!p.ok) throw new Error(`${p.error.errorType}: ${p.error.message}`);
  return p.prepared;
}

async function run(query: string, source: DataSource, maxResultRecords: number, pushdown = true) {
  const r = await runPrepared(prepared(query, pushdown), { source, nowNs: NOW, maxResultRecords });
  if (r.state !== 'SUCCEEDED') throw new Error('not succeeded');
  return r;
}

describe('pushdown: which prefix the planner folds into the scan', () => {
  const folded = (q: string) => {
    const p = prepared(q).plan.pushdown;
    return p && { order: p.order, limit: p.limit, readsAll: p.readsAll, stages: p.stages };
  };

  it('folds fetch, limits and a leading sort on timestamp', () => {
    expect(folded('fetch bizevents')).toEqual({
      order: 'desc',
      limit: undefined,
      readsAll: false,
      stages: 1,
    });
    expect(folded('fetch bizevents | limit 10 | limit 5 | limit 7')).toEqual({
      order: 'desc',
      limit: 5n,
      readsAll: false,
      stages: 4,
    });
    expect(folded('fetch bizevents | sort timestamp desc | limit 1000')).toEqual({
      order: 'desc',
      limit: 1000n,
      readsAll: true,
      stages: 3,
    });
    expect(folded('fetch bizevents | sort timestamp | limit 3')).toMatchObject({ order: 'asc', stages: 3 });
    expect(folded('fetch bizevents | sort `timestamp`, direction: "descending"')).toMatchObject({
      order: 'desc',
      stages: 2,
    });
    expect(folded('fetch bizevents | sort timestamp desc | sort timestamp asc')).toMatchObject({
      order: 'asc',
      stages: 3,
    });
  });

  it('stops where storage would change the meaning', () => {
    expect(folded('fetch bizevents | limit 5 | sort timestamp')).toMatchObject({ limit: 5n, stages: 2 });
    expect(folded('fetch bizevents | sort timestamp desc, n')).toMatchObject({ readsAll: false, stages: 1 });
    expect(folded('fetch bizevents | sort n | limit 5')).toMatchObject({ stages: 1 });
    expect(folded('fetch bizevents | sort timestamp + 1m | limit 5')).toMatchObject({ stages: 1 });
    expect(folded('fetch bizevents | sort Timestamp | limit 5')).toMatchObject({ stages: 1 });
    expect(prepared('fetch bizevents | limit 5', false).plan.pushdown).toBeUndefined();
  });

  it('folds exact filters before any limit, and a final count', () => {
    const f = (q: string) => {
      const p = prepared(q).plan.pushdown;
      return p && { stages: p.stages, filter: p.filter?.predicate, count: p.count };
    };
    expect(f('fetch bizevents | filter a == "x" | limit 5')).toEqual({
      stages: 3,
      filter: { kind: 'stringEquals', field: 'a', value: 'x', negated: false },
      count: undefined,
    });
    expect(f('fetch bizevents | filterOut 2 <= n and isNull(b)')).toMatchObject({
      stages: 2,
      filter: {
        kind: 'notTrue',
        part: {
          kind: 'and',
          parts: [
            { kind: 'numberCompare', field: 'n', op: '>=', value: 2n },
            { kind: 'isNull', field: 'b', negated: false },
          ],
        },
      },
    });
    expect(f('fetch bizevents | filter timestamp > now() - 1h')).toMatchObject({
      filter: { kind: 'timeCompare', op: '>', ns: NOW - 60n * MIN },
    });
    expect(f('fetch bizevents | limit 5 | filter a == "x"')).toMatchObject({ stages: 2, filter: undefined });
    expect(f('fetch bizevents | filter lower(a) == "x"')).toMatchObject({ stages: 1, filter: undefined });
    expect(f('fetch bizevents | filter a > "x"')).toMatchObject({ stages: 1 });
    expect(f('fetch bizevents | filter n > 9007199254740993')).toMatchObject({ stages: 1 });
    expect(f('fetch bizevents | filter not a == "x"')).toMatchObject({ stages: 1 });
    expect(f('fetch bizevents | filter a == "x" | summarize n = count(), by: {b} | limit 1')).toMatchObject({
      stages: 3,
      count: { kind: 'count', outputs: ['n'], key: { name: 'b', field: 'b' } },
    });
    expect(f('fetch bizevents | summarize count(), sum(x)')).toMatchObject({ stages: 2, count: undefined });
    expect(f('fetch bizevents | summarize count(), by: {lower(b)}')).toMatchObject({ stages: 1 });
    expect(f('fetch bizevents | limit 3 | summarize count()')).toMatchObject({ stages: 2, count: undefined });
    const series = (q: string) => prepared(q).plan.pushdown?.series;
    expect(
      series(
        'fetch bizevents, from: -2h | filter a == "x" | makeTimeseries n = count(default: 0), interval: 30m',
      ),
    ).toEqual({
      kind: 'timeseriesCount',
      outputs: [{ name: 'n', defaultValue: 0n }],
      startNs: NOW - 120n * MIN,
      intervalNs: 30n * MIN,
      bins: 4,
      nonempty: false,
    });
    expect(series('fetch bizevents | makeTimeseries count(), by: {a}')).toBeUndefined();
    expect(series('fetch bizevents | makeTimeseries count(), sum(x)')).toBeUndefined();
    expect(series('fetch bizevents | makeTimeseries count(), time: t')).toBeUndefined();
  });

  it('folds a final summarize of count/sum/avg/min/max over plain fields, keeping the planned stage', () => {
    const g = (q: string) => prepared(q).plan.pushdown;
    const p = g('fetch bizevents | filter a == "x" | summarize n = count(), s = sum(x), avg(y), by: {b, c}');
    expect(p).toMatchObject({
      stages: 3,
      aggregate: {
        shape: {
          kind: 'aggregate',
          keys: [
            { name: 'b', field: 'b' },
            { name: 'c', field: 'c' },
          ],
          outputs: [
            { name: 'n', aggregate: { fn: 'count' } },
            { name: 's', aggregate: { fn: 'sum', field: 'x' } },
            { name: 'avg(y)', aggregate: { fn: 'avg', field: 'y' } },
          ],
        },
      },
    });
    expect(typeof p?.aggregate?.fallback).toBe('function');
    for (const q of [
      'fetch bizevents | summarize sum(x * 2)',
      'fetch bizevents | summarize sum(x), by: {lower(b)}',
      'fetch bizevents | summarize countIf(x > 1)',
      'fetch bizevents | summarize x = sum(x), x = max(y)',
      'fetch bizevents | summarize sum(x), by: {a, b, c, d, e}',
    ])
      expect(g(q)?.aggregate, q).toBeUndefined();
  });

  it('asks storage only for what is needed, and reports the whole timeframe for a pushed sort', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => event((i % 20) + 1, { i: BigInt(i) }));
    const s = new MemorySource(rows);
    const r = await run('fetch bizevents | sort timestamp desc | limit 10', s, 1000);
    expect(s.requests).toEqual([expect.objectContaining({ order: 'desc', limit: 10 })]);
    expect(s.measured).toHaveLength(1);
    expect(s.yielded).toBe(10);
    expect(r.scannedRecords).toBe(50);
    expect(r.scannedBytes).toBe(500);

    const capped = new MemorySource(rows);
    await run('fetch bizevents', capped, 5); // the runner's cap bounds a whole-pipeline scan
    expect(capped.requests).toEqual([expect.objectContaining({ order: 'desc', limit: 6 })]);
    expect(capped.yielded).toBe(6);

    const none = new MemorySource(rows);
    const zero = await run('fetch bizevents | sort timestamp | limit 0', none, 5);
    expect([none.requests, none.measured, zero.scannedRecords]).toEqual([[], [], 0]);
  });
});

function event(minutesAgo: number, fields: Record<string, Value> = {}): Row {
  return new Map<string, Value>([
    ['timestamp', timestampValue(NOW - BigInt(minutesAgo) * MIN)],
    ...Object.entries(fields),
  ]);
}

/** Random pipelines over random events; few distinct timestamps so ties are common. */
const fieldValue = fc.oneof(
  fc.constant(null),
  fc.bigInt({ min: -5n, max: 5n }),
  fc.double({ min: -5, max: 5, noNaN: true }),
  fc.constantFrom('a', 'b'),
);
const rowsArb = fc.array(
  fc.record({ minutesAgo: fc.integer({ min: -10, max: 130 }), n: fc.option(fieldValue, { nil: undefined }) }),
  { maxLength: 40 },
);
const op = fc.oneof(
  fc.integer({ min: 0, max: 45 }).map((k) => `limit ${k}`),
  fc.constantFrom(
    'sort timestamp',
    'sort timestamp asc',
    'sort timestamp desc',
    'sort timestamp, direction: "descending"',
    'sort timestamp desc, n',
    'sort n',
    'sort n desc',
    'filter n > 1',
    'filter n == "a"',
    'filterOut n == 1.5',
    'filter isNull(n)',
    'filter n != 0',
    'filter timestamp >= now() - 45m',
    'filter n < -0.5 or n == "b"',
    'summarize count(), by: {n}',
    'summarize c = count()',
    'makeTimeseries count(), interval: 10m',
    'makeTimeseries c = count(default: 0), bins: 7',
    'makeTimeseries count(), interval: 1h, nonempty: true',
  ),
);
const fetchArb = fc.constantFrom(
  'fetch bizevents',
  'fetch bizevents, from: -1h',
  'fetch bizevents, to: -30m',
);

export function comparable(r: RunOutcome) {
  if (r.state !== 'SUCCEEDED') throw new Error('not succeeded');
  const { records, ...rest } = r;
  return { records, ...rest };
}

describe('pushdown: same records, order and metadata as the pure evaluator', () => {
  it('holds for random events, pipelines and result caps', async () => {
    await fc.assert(
      fc.asyncProperty(
        rowsArb,
        fetchArb,
        fc.array(op, { maxLength: 4 }),
        fc.integer({ min: 0, max: 50 }),
        async (specs, fetch, ops, max) => {
          const rows = specs.map((s, i) =>
            event(s.minutesAgo, { i: BigInt(i), ...(s.n === undefined ? {} : { n: s.n }) }),
          );
          const bytes = (_row: Row, seq: number) => (seq * 7) % 13;
          const query = [fetch, ...ops].join(' | ');
          const pushed = await run(query, new MemorySource(rows, bytes), max, true);
          const pure = await run(query, new MemorySource(rows, bytes), max, false);
          expect(comparable(pushed)).toEqual(comparable(pure));
          // Records the scan yields pass through untouched (aggregations build new ones).
          if (!/summarize|makeTimeseries/.test(query))
            pushed.records.forEach((r, i) => expect(r).toBe(pure.records[i]));
        },
      ),
      { numRuns: 300 },
    );
  });
});
