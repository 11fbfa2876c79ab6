import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_API_TOKEN } from '../../../src-main/sandbox/dev-credentials';
import {
  QUERY,
  READ_SCOPES,
  cancel,
  createGate,
  execute,
  ingest,
  manualClock,
  poll,
  query,
  requestToken,
  startTestSandbox,
} from './helpers';
import type { TestSandbox } from './helpers';

const clock = manualClock(1_780_000_000_000_000_000n); // 2026-05-28T20:26:40Z
let sb: TestSandbox;
let token: string;
let gate = createGate();

beforeAll(async () => {
  gate.open(); // queries run freely unless a test installs a closed gate
  sb = await startTestSandbox({
    now: clock.now,
    executionGate: (q) => (q.includes('/*gated*/') ? gate.gate() : Promise.resolve()),
    resultTtlSeconds: 60,
  });
  token = await requestToken(sb.url, READ_SCOPES);
  const events = Array.from({ length: 1005 }, (_, i) => ({
    i,
    timestamp: Number(clock.now() / 1_000_000n) - 1000 * (i + 1),
    kind: i % 2 ? 'odd' : 'even',
  }));
  expect((await ingest(sb.url, JSON.stringify(events))).status).toBe(202);
  expect(
    (await ingest(sb.url, JSON.stringify({ i: -1, old: true, timestamp: '2026-05-28T10:00:00Z' }))).status,
  ).toBe(202);
});
afterAll(() => sb.dispose());

describe('query:execute', () => {
  it('returns a finished result (200) with records, types and Grail metadata', async () => {
    const res = await execute(sb.url, token, {
      query: 'fetch bizevents | sort i asc | limit 3',
      requestTimeoutMilliseconds: 10_000,
      timezone: 'Europe/Vienna',
      locale: 'de',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      state: string;
      progress: number;
      ttlSeconds: number;
      requestToken?: string;
      result: {
        records: Record<string, unknown>[];
        types: unknown[];
        metadata: { grail: Record<string, unknown> };
      };
    };
    expect(body).toMatchObject({ state: 'SUCCEEDED', progress: 100, ttlSeconds: expect.any(Number) });
    expect(body.requestToken).toBeUndefined();
    expect(body.result.records.map((r) => r.i)).toEqual(['0', '1', '2']);
    expect(body.result.records[0]?.timestamp).toBe('2026-05-28T22:26:39.000000000+02:00');
    expect(body.result.types).toEqual([
      {
        indexRange: [0, 2],
        mappings: expect.objectContaining({
          i: { type: 'long' },
          timestamp: { type: 'timestamp' },
          kind: { type: 'string' },
          'dt.openpipeline.pipelines': {
            type: 'array',
            types: [{ indexRange: [0, 0], mappings: { element: { type: 'string' } } }],
          },
        }),
      },
    ]);
    expect(body.result.metadata.grail).toMatchObject({
      canonicalQuery: 'fetch bizevents\n| sort i asc\n| limit 3',
      query: 'fetch bizevents | sort i asc | limit 3',
      timezone: 'Europe/Vienna',
      locale: 'de',
      dqlVersion: 'V1_0',
      queryId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      analysisTimeframe: { start: '2026-05-28T18:26:40.000000000Z', end: '2026-05-28T20:26:40.000000000Z' },
      scannedRecords: 1005,
      scannedBytes: expect.any(Number),
      executionTimeMilliseconds: expect.any(Number),
      notifications: [],
      sampled: false,
    });
  });

  it('limits results to 1000 by default, with a notification; honours maxResultRecords', async () => {
    const def = await query(sb.url, token, 'fetch bizevents');
    expect(def.result.records).toHaveLength(1000);
    expect(def.result.metadata.grail.notifications).toEqual([
      expect.objectContaining({ message: 'Your result has been limited to 1000.' }),
    ]);
    const two = await query(sb.url, token, 'fetch bizevents', { maxResultRecords: 2 });
    expect(two.result.records).toHaveLength(2);
    expect(two.result.metadata.grail.notifications).toEqual([
      expect.objectContaining({ message: 'Your result has been limited to 2.' }),
    ]);
  });

  it('uses defaultTimeframeStart/End only when both are given; the query timeframe wins', async () => {
    const both = {
      defaultTimeframeStart: '2026-05-28T09:00:00Z',
      defaultTimeframeEnd: '2026-05-28T11:00:00Z',
    };
    expect((await query(sb.url, token, 'fetch bizevents', both)).result.records.map((r) => r.i)).toEqual([
      '-1',
    ]);
    expect(
      (
        await query(sb.url, token, 'fetch bizevents', {
          defaultTimeframeStart: both.defaultTimeframeStart,
          maxResultRecords: 5000,
        })
      ).result.records,
    ).toHaveLength(1005);
    const inQuery = await query(sb.url, token, 'fetch bizevents, from: -3s', both);
    expect(inQuery.result.records.map((r) => r.i)).toEqual(['0', '1', '2']); // newest first, start inclusive
  });

  it('reports DQL errors as the Query API ErrorEnvelope with positions', async () => {
    const q = 'fetch bizevents\n| limt 5';
    const res = await execute(sb.url, token, { query: q });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: 400,
        message: 'UNKNOWN_COMMAND',
        details: {
          errorType: 'UNKNOWN_COMMAND',
          exceptionType: 'DQL-SYNTAX-ERROR',
          errorMessage: "There's no command `limt`.",
          errorMessageFormat: "There's no command `%1$s`.",
          errorMessageFormatSpecifierTypes: ['COMMAND_NAME'],
          arguments: ['limt'],
          queryString: q,
          queryId: expect.any(String),
          syntaxErrorPosition: {
            start: { index: 18, line: 2, column: 3 },
            end: { index: 21, line: 2, column: 6 },
          },
        },
      },
    });
    const syntax = (await (await execute(sb.url, token, { query: 'fetch bizevents | sort (a' })).json()) as {
      error: { details: { errorType: string; syntaxErrorPosition: unknown } };
    };
    expect(syntax.error.details.errorType).toBe('PARSE_ERROR');
  });

  it('validates the request body', async () => {
    const res = await execute(sb.url, token, { query: 'fetch bizevents', maxResultRecords: -1 });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: {
        code: 400,
        details: {
          constraintViolations: [expect.objectContaining({ parameterDescriptor: 'maxResultRecords' })],
        },
      },
    });
    expect((await execute(sb.url, token, { notQuery: 1 })).status).toBe(400);
    expect((await execute(sb.url, token, { query: 'fetch bizevents', timezone: 'Mars/Base' })).status).toBe(
      400,
    );
    const notJson = await fetch(`${sb.url}${QUERY}/query:execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: '{',
    });
    expect(notJson.status).toBe(400);
  });

  it('requires storage:bizevents:read and storage:buckets:read (403 with missingScopes)', async () => {
    const partial = await requestToken(sb.url, ['storage:bizevents:read']);
    const res = await execute(sb.url, partial, { query: 'fetch bizevents' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: { code: 403, details: { missingScopes: ['storage:buckets:read'] } },
    });
  });

  it('rejects non-Bearer schemes and bad tokens (401)', async () => {
    const res = await fetch(`${sb.url}${QUERY}/query:execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Api-Token ${DEV_API_TOKEN}` },
      body: JSON.stringify({ query: 'fetch bizevents' }),
    });
    expect(res.status).toBe(401);
    const text = await res.text();
    expect(text).toContain("'Bearer'");
    expect(text).not.toContain(DEV_API_TOKEN);
    expect((await execute(sb.url, `${token}x`, { query: 'fetch bizevents' })).status).toBe(401);
  });
});

describe('query:poll and query:cancel', () => {
  it('returns 202 with a request token when not done in time, then long-polls to the result', async () => {
    gate = createGate();
    const res = await execute(sb.url, token, { query: 'fetch bizevents /*gated*/ | limit 1' });
    expect(res.status).toBe(202);
    const started = (await res.json()) as { state: string; requestToken: string; ttlSeconds: number };
    expect(started).toMatchObject({
      state: 'RUNNING',
      requestToken: expect.any(String),
      ttlSeconds: expect.any(Number),
    });
    await gate.entered;
    const running = await poll(sb.url, token, started.requestToken, 20);
    expect(await running.json()).toMatchObject({ state: 'RUNNING' });
    const done = poll(sb.url, token, started.requestToken, 30_000);
    gate.open();
    const body = (await (await done).json()) as { state: string; result: { records: unknown[] } };
    expect(body.state).toBe('SUCCEEDED');
    expect(body.result.records).toHaveLength(1);
    // Still pollable within its TTL, gone (410) after it.
    expect((await poll(sb.url, token, started.requestToken)).status).toBe(200);
    clock.advanceSeconds(61);
    const gone = await poll(sb.url, token, started.requestToken);
    expect(gone.status).toBe(410);
    expect(await gone.json()).toMatchObject({ error: { code: 410 } });
    clock.advanceSeconds(-61);
  });

  it('cancels a running query: 202 without body, then 410', async () => {
    gate = createGate();
    const started = (await (await execute(sb.url, token, { query: 'fetch bizevents /*gated*/' })).json()) as {
      requestToken: string;
    };
    await gate.entered;
    const res = await cancel(sb.url, token, started.requestToken);
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    gate.open();
    expect((await poll(sb.url, token, started.requestToken)).status).toBe(410);
    expect((await cancel(sb.url, token, started.requestToken)).status).toBe(410);
  });

  it('answers cancel of a finished query with 200 and the result', async () => {
    gate = createGate();
    const started = (await (
      await execute(sb.url, token, { query: 'fetch bizevents /*gated*/ | limit 2' })
    ).json()) as { requestToken: string };
    gate.open();
    expect(
      (await (await poll(sb.url, token, started.requestToken, 30_000)).json()) as { state: string },
    ).toMatchObject({ state: 'SUCCEEDED' });
    const res = await cancel(sb.url, token, started.requestToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: 'SUCCEEDED', result: { records: [{}, {}] } });
  });

  it('answers 410 for unknown tokens and 400 without a token', async () => {
    expect((await poll(sb.url, token, 'bm90LWEtdG9rZW4=')).status).toBe(410);
    expect((await cancel(sb.url, token, 'bm90LWEtdG9rZW4=')).status).toBe(410);
    const missing = await fetch(`${sb.url}${QUERY}/query:poll`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(missing.status).toBe(400);
    const badWait = await fetch(
      `${sb.url}${QUERY}/query:poll?request-token=x&request-timeout-milliseconds=soon`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(badWait.status).toBe(400);
  });
});
