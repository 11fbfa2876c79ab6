import { describe, expect, it } from 'vitest';
import { prepareQuery, runPrepared } from '../../../../../src-shared/dql/engine';
import type { DataSource, PreparedQuery } from '../../../../../src-shared/dql/engine';
import { parseRfc3339 } from '../../../../../src-shared/grail/timestamp';
import { timestampValue } from '../../../../../src-shared/grail/values';
import type { Row, Value } from '../../../../../src-shared/grail/values';
import { MemorySource } from './memory-source';

const NOW = parseRfc3339('2024-05-01T12:00:00Z') as bigint;
const MIN = 60_000_000_000n;

function event(minutesAgo: number, fields: Record<string, Value> = {}): Row {
  return new Map<string, Value>([
    ['timestamp', timestampValue(NOW - BigInt(minutesAgo) * MIN)],
    ...Object.entries(fields),
  ]);
}

function prepared(query: string): PreparedQuery {
  const p = prepareQuery(query, { nowNs: NOW });
  if (!p.ok) throw new Error(`${p.error.errorType}: ${p.error.message}`);
  return p.prepared;
}

async function run(query: string, source: DataSource, maxResultRecords = 1000) {
  const r = await runPrepared(prepared(query), { source, nowNs: NOW, maxResultRecords });
  if (r.state !== 'SUCCEEDED') throw new Error('not succeeded');
  return r;
}

const ids = (rows: Row[]) => rows.map((r) => r.get('id'));

describe('fetch', () => {
  const source = () =>
    new MemorySource([
      event(1, { id: 'a' }),
      event(30, { id: 'b' }),
      event(119, { id: 'c' }),
      event(121, { id: 'old' }),
      event(-1, { id: 'future' }),
    ]);

  it('reads the last 2 hours by default, newest first, and reports what it scanned', async () => {
    const s = source();
    const r = await run('fetch bizevents', s);
    expect(ids(r.records)).toEqual(['a', 'b', 'c']);
    expect(r.analysisTimeframe).toEqual({ startNs: NOW - 120n * MIN, endNs: NOW });
    expect(r.scannedRecords).toBe(3);
    expect(r.scannedBytes).toBe(30);
    expect(r.notifications).toEqual([]);
  });

  it('honours from:/to: as durations, timestamps and RFC 3339 strings', async () => {
    expect(ids((await run('fetch bizevents, from: -45m', source())).records)).toEqual(['a', 'b']);
    expect(
      ids((await run('fetch bizevents, from: now() - 200m, to: now() - 100m', source())).records),
    ).toEqual(['c', 'old']);
    expect(
      ids(
        (await run('fetch bizevents, from: "2024-05-01T11:00:00Z", to: "2024-05-01T11:58:30Z"', source()))
          .records,
      ),
    ).toEqual(['b']);
    expect(
      ids(
        (await run('fetch bizevents, timeframe: "2024-05-01T09:00:00Z/2024-05-01T10:00:00Z"', source()))
          .records,
      ),
    ).toEqual(['old']);
  });

  it('uses the request default timeframe when the query has none', async () => {
    const p = prepareQuery('fetch bizevents', {
      nowNs: NOW,
      defaultTimeframe: { startNs: NOW - 200n * MIN, endNs: NOW - 100n * MIN },
    });
    if (!p.ok) throw new Error('prepare failed');
    const r = await runPrepared(p.prepared, { source: source(), nowNs: NOW, maxResultRecords: 10 });
    expect(r.state === 'SUCCEEDED' && ids(r.records)).toEqual(['c', 'old']);
  });
});

describe('limit and sort', () => {
  const rows = () =>
    new MemorySource([
      event(1, { id: 'a', n: 5n, s: 'x' }),
      event(2, { id: 'b', n: 2.5, s: 'y' }),
      event(3, { id: 'c', s: 'x' }),
      event(4, { id: 'd', n: 9007199254740993n, s: 'y' }),
      event(5, { id: 'e', n: 5n, s: 'w' }),
    ]);

  it('limits, and stops the scan early', async () => {
    const s = rows();
    expect(ids((await run('fetch bizevents | limit 2', s)).records)).toEqual(['a', 'b']);
    expect(s.yielded).toBeLessThanOrEqual(3);
    expect((await run('fetch bizevents | limit 0', rows())).records).toEqual([]);
  });

  it('sorts ascending/descending across long and double with nulls last, stably', async () => {
    expect(ids((await run('fetch bizevents | sort n', rows())).records)).toEqual(['b', 'a', 'e', 'd', 'c']);
    expect(ids((await run('fetch bizevents | sort n desc', rows())).records)).toEqual([
      'd',
      'a',
      'e',
      'b',
      'c',
    ]);
    expect(ids((await run('fetch bizevents | sort s asc, n desc', rows())).records)).toEqual([
      'e',
      'a',
      'c',
      'd',
      'b',
    ]);
    expect(ids((await run('fetch bizevents | sort n, direction: "descending"', rows())).records)).toEqual([
      'd',
      'a',
      'e',
      'b',
      'c',
    ]);
    expect(ids((await run('fetch bizevents | sort timestamp | limit 2', rows())).records)).toEqual([
      'e',
      'd',
    ]);
  });

  it('sorts by expressions', async () => {
    expect(ids((await run('fetch bizevents | sort n * -1 | limit 1', rows())).records)).toEqual(['d']);
  });
});

describe('result cap and cancellation', () => {
  const many = () => new MemorySource(Array.from({ length: 20 }, (_, i) => event(i, { i: BigInt(i) })));

  it('caps at maxResultRecords with the documented notification', async () => {
    const r = await run('fetch bizevents', many(), 5);
    expect(r.records).toHaveLength(5);
    expect(r.notifications).toEqual([
      expect.objectContaining({
        severity: 'WARNING',
        message: 'Your result has been limited to 5.',
        arguments: ['5'],
      }),
    ]);
    expect((await run('fetch bizevents', many(), 20)).notifications).toEqual([]);
  });

  it('returns CANCELLED when the token trips', async () => {
    const cancel = { cancelled: true };
    expect(
      await runPrepared(prepared('fetch bizevents | sort i'), {
        source: many(),
        nowNs: NOW,
        maxResultRecords: 10,
        cancel,
      }),
    ).toEqual({
      state: 'CANCELLED',
    });
  });
});

describe('prepareQuery errors', () => {
  const error = (q: string) => {
    const p = prepareQuery(q, { nowNs: NOW });
    if (p.ok) throw new Error('expected an error');
    return {
      type: p.error.errorType,
      span: [p.error.span.start, p.error.span.end],
      message: p.error.message,
    };
  };

  it('tells unknown from unsupported commands, with the name span', () => {
    expect(error('fetch bizevents | limt 5')).toEqual({
      type: 'UNKNOWN_COMMAND',
      span: [18, 22],
      message: "There's no command `limt`.",
    });
    expect(error('metrics')).toMatchObject({ type: 'NOT_AVAILABLE_IN_SANDBOX', span: [0, 7] });
    expect(error('fetch bizevents | traverse "a", "b"')).toMatchObject({
      type: 'NOT_AVAILABLE_IN_SANDBOX',
      span: [18, 26],
    });
    expect(error('filter a')).toMatchObject({ type: 'DATA_SOURCE_COMMAND_EXPECTED', span: [0, 6] });
    expect(error('fetch bizevents | fetch bizevents')).toMatchObject({
      type: 'DATA_SOURCE_NOT_ALLOWED',
      span: [18, 23],
    });
  });

  it('checks data objects and parameters', () => {
    expect(error('fetch nope')).toMatchObject({ type: 'UNKNOWN_DATA_OBJECT', span: [6, 10] });
    expect(error('fetch dt.entity.host')).toMatchObject({ type: 'NOT_AVAILABLE_IN_SANDBOX', span: [6, 20] });
    expect(error('fetch')).toMatchObject({ type: 'MISSING_PARAMETER', span: [0, 5] });
    expect(
      error('fetch bizevents | makeTimeseries count(), spread: timeframe(from: now() - 1m, to: now())'),
    ).toMatchObject({
      type: 'UNSUPPORTED_PARAMETER',
      span: [42, 48],
    });
    expect(error('fetch bizevents, foo: 1')).toMatchObject({ type: 'UNKNOWN_PARAMETER_DEFINED' });
    expect(error('fetch bizevents | limit 1, 2')).toMatchObject({
      type: 'TOO_MANY_POSITIONAL_PARAMETERS',
      span: [27, 28],
    });
    expect(error('fetch bizevents | limit "5"')).toMatchObject({
      type: 'INVALID_PARAMETER_VALUE',
      span: [24, 27],
    });
    expect(error('fetch bizevents | limit a')).toMatchObject({ type: 'UNSUPPORTED_EXPRESSION' });
    expect(error('fetch bizevents, from: "yesterday"')).toMatchObject({
      type: 'INVALID_PARAMETER_VALUE',
      span: [23, 34],
    });
    expect(error('fetch bizevents, from: -1h, to: -2h')).toMatchObject({ type: 'INVALID_TIMEFRAME' });
  });

  it('rejects what the evaluator does not support yet, positioned', () => {
    expect(error('fetch bizevents | sort toVariant(a)')).toMatchObject({
      type: 'UNSUPPORTED_FUNCTION',
      span: [23, 32],
    });
    expect(error('fetch bizevents | sort nosuch(a)')).toMatchObject({ type: 'UNKNOWN_FUNCTION' });
    expect(error('fetch bizevents | sort $v')).toMatchObject({
      type: 'VARIABLE_NOT_ALLOWED',
      span: [23, 25],
    });
    // Calendar durations only shift timestamps; alone they are no field value.
    expect(error('fetch bizevents | fieldsAdd m = 1M')).toMatchObject({
      type: 'UNSUPPORTED_EXPRESSION',
      span: [32, 34],
    });
  });

  it('surfaces the first syntax error before any semantic check', () => {
    expect(error('fetch bizevents | limit (')).toMatchObject({ type: 'PARSE_ERROR', span: [25, 25] });
  });
});
