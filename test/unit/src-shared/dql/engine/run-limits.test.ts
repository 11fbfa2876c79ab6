// The request's limits in runPrepared: result bytes, fetch timeout, scan limit (request default
// and fetch parameter, with and without pushdown), sampling, and failIf's FAILED outcome.
import { describe, expect, it } from 'vitest';
import { prepareQuery, runPrepared } from '../../../../../src-shared/dql/engine';
import type { DataSource, RunOptions } from '../../../../../src-shared/dql/engine';
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

/** 20 events in the last 2 hours, i = 0 (newest) … 19, each stored as 100 bytes. */
const many = () =>
  new MemorySource(
    Array.from({ length: 20 }, (_, i) => event(i + 1, { i: BigInt(i), id: `e-${i}` })),
    () => 100,
  );

async function run(query: string, options: Partial<RunOptions> & { pushdown?: boolean } = {}) {
  const { pushdown, ...rest } = options;
  const p = prepareQuery(query, { nowNs: NOW, pushdown: pushdown ?? true });
  if (!p.ok) throw new Error(`${p.error.errorType}: ${p.error.message}`);
  const r = await runPrepared(p.prepared, {
    source: many(),
    nowNs: NOW,
    maxResultRecords: 1000,
    ...rest,
  });
  if (r.state !== 'SUCCEEDED') throw new Error(`state ${r.state}`);
  return r;
}

const types = (r: { notifications: { notificationType?: string }[] }) =>
  r.notifications.map((n) => n.notificationType);

describe('maxResultBytes', () => {
  it('includes the record that crosses the limit, then stops with RESULT_LIMIT_BYTES', async () => {
    const r = await run('fetch bizevents', { maxResultBytes: 250, recordBytes: () => 100 });
    expect(r.records).toHaveLength(3);
    expect(r.notifications).toEqual([
      expect.objectContaining({
        severity: 'WARNING',
        notificationType: 'RESULT_LIMIT_BYTES',
        messageFormat: 'Your result has been limited to %1$s bytes.',
        arguments: ['250'],
        message: 'Your result has been limited to 250 bytes.',
      }),
    ]);
  });

  it('says nothing when the whole result fits, and measures the wire JSON by default', async () => {
    const exact = await run('fetch bizevents', { maxResultBytes: 2000, recordBytes: () => 100 });
    expect(exact.records).toHaveLength(20);
    expect(exact.notifications).toEqual([]);
    // {"timestamp":"2024-…Z","i":"0","id":"e-0"}: about 60 bytes each.
    const wire = await run('fetch bizevents', { maxResultBytes: 100 });
    expect(wire.records).toHaveLength(2);
    expect(types(wire)).toEqual(['RESULT_LIMIT_BYTES']);
  });

  it('reports the record cap when it is reached first', async () => {
    const r = await run('fetch bizevents', { maxResultRecords: 2, maxResultBytes: 10_000 });
    expect(types(r)).toEqual(['RESULT_LIMIT_RECORDS']);
  });
});

describe('fetchTimeoutMs', () => {
  /** 5000 records, each taking 1 ms of a fake clock to read. */
  function slowSource() {
    const clock = { now: 0 };
    const inner = new MemorySource(
      // One second apart, newest first (i = 0), all within the default 2 hours.
      Array.from(
        { length: 5000 },
        (_, i) =>
          new Map<string, Value>([
            ['timestamp', timestampValue(NOW - BigInt(i + 1) * 1_000_000_000n)],
            ['i', BigInt(i)],
          ]),
      ),
      () => 100,
    );
    const source: DataSource = {
      async *scan(request) {
        for await (const r of inner.scan(request)) {
          clock.now += 1;
          yield r;
        }
      },
      measure: (r, t) => inner.measure(r, t),
      countGroups: (r, by) => inner.countGroups(r, by),
    };
    return { source, clockMs: () => clock.now };
  }

  it('stops the scan soon after the deadline and reports FETCH_TIMEOUT; later stages still run', async () => {
    for (const pushdown of [true, false]) {
      const { source, clockMs } = slowSource();
      const r = await run('fetch bizevents | sort i asc | fields i', {
        source,
        clockMs,
        fetchTimeoutMs: 1500,
        maxResultRecords: 5000,
        pushdown,
      });
      // The clock is read every 1024 records: the scan ends at the first look past 1500 ms.
      expect(r.records, `pushdown ${pushdown}`).toHaveLength(2048);
      // It sorted what it read: the newest 2048 records.
      expect([r.records[0]?.get('i'), r.records.at(-1)?.get('i')]).toEqual([0n, 2047n]);
      expect(r.notifications).toEqual([
        expect.objectContaining({ notificationType: 'FETCH_TIMEOUT', arguments: ['1.5'] }),
      ]);
    }
  });

  it('says nothing when the scan ends in time', async () => {
    const { source, clockMs } = slowSource();
    const r = await run('fetch bizevents | summarize n = count()', {
      source,
      clockMs,
      fetchTimeoutMs: 6000,
      pushdown: false,
    });
    expect(r.records[0]?.get('n')).toBe(5000n);
    expect(r.notifications).toEqual([]);
  });
});

describe('scan limits', () => {
  it('fetch scanLimitGBytes: 0 reads nothing', async () => {
    const r = await run('fetch bizevents, scanLimitGBytes: 0');
    expect(r.records).toEqual([]);
    expect(r.scannedRecords).toBe(0);
    expect(r.notifications).toEqual([
      expect.objectContaining({ notificationType: 'SCAN_LIMIT_GBYTES', arguments: ['0'] }),
    ]);
  });

  it('the request default stops each fetch before the record that would cross it', async () => {
    for (const pushdown of [true, false]) {
      const r = await run('fetch bizevents | summarize n = count()', { scanLimitBytes: 550, pushdown });
      expect(r.records[0]?.get('n'), `pushdown ${pushdown}`).toBe(5n);
      expect(r.scannedBytes).toBe(500);
      expect(r.notifications).toEqual([
        expect.objectContaining({ notificationType: 'SCAN_LIMIT_GBYTES', arguments: ['5.5e-7'] }),
      ]);
    }
  });

  it('a fetch parameter overrides the request default; -1 lifts it', async () => {
    const r = await run('fetch bizevents, scanLimitGBytes: -1 | summarize n = count()', {
      scanLimitBytes: 550,
    });
    expect(r.records[0]?.get('n')).toBe(20n);
    expect(r.notifications).toEqual([]);
  });

  it('keeps the pushed-down plan when no table holds more than the limit', async () => {
    const source = many();
    const p = prepareQuery('fetch bizevents | summarize n = count()', { nowNs: NOW });
    if (!p.ok) throw new Error('plan');
    const r = await runPrepared(p.prepared, {
      source,
      nowNs: NOW,
      maxResultRecords: 10,
      scanLimitBytes: 1e9,
    });
    expect(r).toMatchObject({ state: 'SUCCEEDED', notifications: [] });
    expect(source.yielded).toBe(0); // counted by storage, no record read
  });
});

describe('samplingRatio', () => {
  it('reads the same subset both ways and marks the result sampled', async () => {
    const pushed = await run('fetch bizevents, samplingRatio: 10 | fields id');
    const pure = await run('fetch bizevents, samplingRatio: 10 | fields id', { pushdown: false });
    expect(pushed.records).toEqual(pure.records);
    expect(pushed.records.length).toBeLessThan(20);
    expect(pushed.sampled).toBe(true);
    expect(pushed.scannedRecords).toBe(pushed.records.length);
    expect((await run('fetch bizevents')).sampled).toBe(false);
  });
});

describe('failIf', () => {
  it('ends the run FAILED with the message and the command span', async () => {
    const p = prepareQuery('fetch bizevents | failIf i == 7, concat("bad ", id)', { nowNs: NOW });
    if (!p.ok) throw new Error('plan');
    const r = await runPrepared(p.prepared, { source: many(), nowNs: NOW, maxResultRecords: 1 });
    expect(r).toEqual({
      state: 'FAILED',
      error: expect.objectContaining({
        errorType: 'FAIL_IF_CONDITION_MET',
        exceptionType: 'DQL-EXECUTION-ERROR',
        message: 'bad e-7',
        arguments: ['bad e-7'],
        span: { start: 18, end: 24 },
      }),
    });
  });
});
