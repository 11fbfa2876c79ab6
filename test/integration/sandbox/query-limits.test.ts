// The request's limits and failIf over real HTTP: maxResultBytes, fetchTimeoutSeconds,
// defaultScanLimitGbytes and fetch's scanLimitGBytes/samplingRatio end in the documented
// notifications (and `sampled`); a failIf that trips fails the query with a 400 ErrorEnvelope,
// from execute or from poll.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  READ_SCOPES,
  execute,
  ingest,
  manualClock,
  poll,
  query,
  requestToken,
  startTestSandbox,
} from './helpers';
import type { TestSandbox } from './helpers';

const clock = manualClock(1_780_000_000_000_000_000n);
const TOTAL = 2000;
let sb: TestSandbox;
let token: string;

beforeAll(async () => {
  sb = await startTestSandbox({ now: clock.now });
  token = await requestToken(sb.url, READ_SCOPES);
  const events = Array.from({ length: TOTAL }, (_, i) => ({
    i,
    timestamp: Number(clock.now() / 1_000_000n) - 1000 * (i + 1),
    note: `event number ${i}`,
  }));
  expect((await ingest(sb.url, JSON.stringify(events))).status).toBe(202);
});
afterAll(() => sb.dispose());

interface Notification {
  severity: string;
  notificationType: string;
  message: string;
  messageFormat: string;
  arguments: string[];
}

const grail = (r: Awaited<ReturnType<typeof query>>) =>
  r.result.metadata.grail as { notifications: Notification[]; sampled: boolean; scannedBytes: number };

describe('limits', () => {
  it('maxResultBytes keeps the record that crosses it and says RESULT_LIMIT_BYTES', async () => {
    const r = await query(sb.url, token, 'fetch bizevents | fields i, note', { maxResultBytes: 500 });
    const sizes = r.result.records.map((rec) => Buffer.byteLength(JSON.stringify(rec)));
    const before = sizes.slice(0, -1).reduce((a, b) => a + b, 0);
    expect(before).toBeLessThan(500);
    expect(before + (sizes.at(-1) ?? 0)).toBeGreaterThanOrEqual(500);
    expect(grail(r).notifications).toEqual([
      {
        severity: 'WARNING',
        notificationType: 'RESULT_LIMIT_BYTES',
        message: 'Your result has been limited to 500 bytes.',
        messageFormat: 'Your result has been limited to %1$s bytes.',
        arguments: ['500'],
        messageFormatSpecifierTypes: ['NUMBER'],
      },
    ]);
  });

  it('fetchTimeoutSeconds stops the fetch and says FETCH_TIMEOUT', async () => {
    const r = await query(sb.url, token, 'fetch bizevents | fields i', {
      fetchTimeoutSeconds: 1e-9,
      maxResultRecords: TOTAL,
    });
    expect(r.result.records.length).toBeLessThan(TOTAL);
    expect(grail(r).notifications.map((n) => n.notificationType)).toEqual(['FETCH_TIMEOUT']);
    const unhurried = await query(sb.url, token, 'fetch bizevents | summarize count()');
    expect(unhurried.result.records).toEqual([{ 'count()': String(TOTAL) }]);
    expect(grail(unhurried).notifications).toEqual([]);
  });

  it('defaultScanLimitGbytes bounds each fetch, pushed-down counts included', async () => {
    const r = await query(sb.url, token, 'fetch bizevents | summarize n = count()', {
      defaultScanLimitGbytes: 0.000002, // 2000 bytes
    });
    const n = Number(r.result.records[0]?.n);
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(TOTAL);
    expect(grail(r).scannedBytes).toBeLessThanOrEqual(2000);
    expect(grail(r).notifications).toEqual([
      expect.objectContaining({ notificationType: 'SCAN_LIMIT_GBYTES', arguments: ['0.000002'] }),
    ]);
    const unlimited = await query(sb.url, token, 'fetch bizevents | summarize n = count()', {
      defaultScanLimitGbytes: -1,
    });
    expect(unlimited.result.records).toEqual([{ n: String(TOTAL) }]);
  });

  it("fetch's scanLimitGBytes and samplingRatio", async () => {
    const none = await query(sb.url, token, 'fetch bizevents, scanLimitGBytes: 0');
    expect(none.result.records).toEqual([]);
    expect(grail(none).notifications.map((n) => n.notificationType)).toEqual(['SCAN_LIMIT_GBYTES']);
    const sampled = await query(sb.url, token, 'fetch bizevents, samplingRatio: 10 | summarize n = count()');
    const n = Number(sampled.result.records[0]?.n);
    expect(n).toBeGreaterThan(TOTAL / 20);
    expect(n).toBeLessThan(TOTAL / 5);
    expect(grail(sampled).sampled).toBe(true);
    const again = await query(sb.url, token, 'fetch bizevents, samplingRatio: 10 | summarize n = count()');
    expect(again.result.records).toEqual(sampled.result.records); // a stable sample
  });
});

describe('failIf', () => {
  const failing = 'fetch bizevents | failIf i == 7, concat("record ", toString(i), " is bad")';

  it('fails execute with a 400 ErrorEnvelope carrying the message and position', async () => {
    const res = await execute(sb.url, token, { query: failing, requestTimeoutMilliseconds: 10_000 });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        code: 400,
        message: 'FAIL_IF_CONDITION_MET',
        details: {
          errorType: 'FAIL_IF_CONDITION_MET',
          exceptionType: 'DQL-EXECUTION-ERROR',
          errorMessage: 'record 7 is bad',
          errorMessageFormat: '%1$s',
          arguments: ['record 7 is bad'],
          queryString: failing,
          syntaxErrorPosition: {
            start: { index: 18, line: 1, column: 19 },
            end: { index: 23, line: 1, column: 24 },
          },
        },
      },
    });
  });

  it('fails the poll of a query that was still running, and passes when nothing trips', async () => {
    const started = await execute(sb.url, token, { query: failing, requestTimeoutMilliseconds: 0 });
    expect(started.status).toBe(202);
    const { requestToken: t } = (await started.json()) as { requestToken: string };
    const res = await poll(sb.url, token, t, 10_000);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { details: { errorType: 'FAIL_IF_CONDITION_MET' } } });
    const ok = await query(sb.url, token, 'fetch bizevents | failIf i < 0, "negative" | summarize count()');
    expect(ok.result.records).toEqual([{ 'count()': String(TOTAL) }]);
  });
});
