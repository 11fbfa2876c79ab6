/**
 * Conformance: the official Dynatrace SDK clients, pointed at the sandbox, must not be able to tell
 * it from a tenant. OAuth via the SDK's own client-credentials HttpClient (token URL = sandbox).
 * With fault injection on, the clients see the seeded 429/503 answers and early token expiry as
 * the SDK's typed errors, the same run for the same seed.
 */
import {
  BusinessEventsClient,
  isBizEventIngestResultError,
  isErrorEnvelopeError as isClassicErrorEnvelopeError,
} from '@dynatrace-sdk/client-classic-environment-v2';
import {
  QueryExecutionClient,
  isClientRequestError,
  isErrorEnvelopeError,
  isInsufficientPermission,
} from '@dynatrace-sdk/client-query';
import type { QueryPollResponse } from '@dynatrace-sdk/client-query';
import { PlatformHttpClient, _OAuthHttpClient } from '@dynatrace-sdk/http-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_CLIENT_ID, DEV_CLIENT_SECRET } from '../../../src-main/sandbox/dev-credentials';
import { FaultInjector } from '../../../src-main/sandbox/faults';
import { parseFaultSpec } from '../../../src-main/sandbox/faults-spec';
import { ALL_SCOPES, createGate, manualClock, requestToken, startTestSandbox } from './helpers';
import type { TestSandbox } from './helpers';

let sb: TestSandbox;
let queries: QueryExecutionClient;
let bizevents: BusinessEventsClient;
let gate = createGate();

/** The SDK's own OAuth client-credentials HTTP client, pointed at a sandbox. */
function sdkHttp(url: string): _OAuthHttpClient {
  return new _OAuthHttpClient({
    clientId: DEV_CLIENT_ID,
    secret: DEV_CLIENT_SECRET,
    scopes: ALL_SCOPES,
    environmentUrl: url,
    authUrl: `${url}/sso/oauth2/token`,
  });
}

beforeAll(async () => {
  gate.open();
  sb = await startTestSandbox({
    executionGate: (q) => (q.includes('/*gated*/') ? gate.gate() : Promise.resolve()),
  });
  const http = sdkHttp(sb.url);
  queries = new QueryExecutionClient(http);
  bizevents = new BusinessEventsClient(http);
});
afterAll(() => sb.dispose());

async function pollToEnd(requestToken: string): Promise<QueryPollResponse> {
  for (;;) {
    const r = await queries.queryPoll({ requestToken, requestTimeoutMilliseconds: 10_000 });
    if (r.state !== 'RUNNING' && r.state !== 'NOT_STARTED') return r;
  }
}

describe('official SDK clients against the sandbox', () => {
  it('BusinessEventsClient.ingest stores CloudEvents, batches and pure JSON', async () => {
    await bizevents.ingest({
      type: 'application/cloudevent+json',
      body: {
        specversion: '1.0',
        id: 'sdk-1',
        source: 'sdk.test',
        type: 'com.bizlens.sdk',
        data: { step: 1, details: { protocol: 'rest' } },
      },
    });
    await bizevents.ingest({
      type: 'application/cloudevent-batch+json',
      body: [
        { specversion: '1.0', id: 'sdk-2', source: 'sdk.test', type: 'com.bizlens.sdk', data: { step: 2 } },
        { specversion: '1.0', id: 'sdk-3', source: 'sdk.test', type: 'com.bizlens.sdk', data: { step: 3 } },
      ],
    });
    await bizevents.ingest({
      type: 'application/json; charset=utf-8',
      body: { 'event.provider': 'sdk.test', step: 4 },
    });

    const started = await queries.queryExecute({
      body: { query: 'fetch bizevents | sort step asc', requestTimeoutMilliseconds: 10_000 },
    });
    expect(started.state).toBe('SUCCEEDED');
    const records = started.result?.records ?? [];
    expect(records.map((r) => r?.step)).toEqual(['1', '2', '3', '4']);
    expect(records[0]).toMatchObject({
      'event.id': 'sdk-1',
      'event.provider': 'sdk.test',
      'event.type': 'com.bizlens.sdk',
      details: '{"protocol":"rest"}',
    });
    // The SDK turns analysisTimeframe into Dates: our strings must parse.
    expect(started.result?.metadata.grail?.analysisTimeframe?.start).toBeInstanceOf(Date);
    expect(started.result?.types[0]?.mappings?.step?.type).toBe('long');
  });

  it('reports partial ingest success as BizEventIngestResultError (400)', async () => {
    const err = await bizevents
      .ingest({
        type: 'application/cloudevent-batch+json',
        body: [
          { specversion: '1.0', id: 'ok', source: 's', type: 't' },
          { specversion: '1.0', id: 'bad', source: 's' } as never,
        ],
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isBizEventIngestResultError(err)).toBe(true);
  });

  it('execute → poll with a request token (token needs URL-encoding) → cancel', async () => {
    gate = createGate();
    const started = await queries.queryExecute({ body: { query: 'fetch bizevents /*gated*/ | limit 2' } });
    expect(started.state).toBe('RUNNING');
    expect(started.requestToken).toBeDefined();
    const token = started.requestToken as string;
    await gate.entered;
    const stillRunning = await queries.queryPoll({ requestToken: token, requestTimeoutMilliseconds: 10 });
    expect(stillRunning.state).toBe('RUNNING');
    gate.open();
    const done = await pollToEnd(token);
    expect(done.state).toBe('SUCCEEDED');
    expect(done.result?.records).toHaveLength(2);
    const cancelled = await queries.queryCancel({ requestToken: token });
    expect(cancelled?.state).toBe('SUCCEEDED'); // already finished: 200 with the result

    gate = createGate();
    const second = await queries.queryExecute({ body: { query: 'fetch bizevents /*gated*/' } });
    await gate.entered;
    expect(await queries.queryCancel({ requestToken: second.requestToken as string })).toBeUndefined(); // 202
    gate.open();
    const gone = await queries.queryPoll({ requestToken: second.requestToken as string }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isClientRequestError(gone)).toBe(true);
    expect((gone as { response: { status: number } }).response.status).toBe(410);
  });

  it('surfaces DQL errors as ErrorEnvelopeError with the details', async () => {
    const err = await queries.queryExecute({ body: { query: 'fetch bizevents | limt 1' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isErrorEnvelopeError(err)).toBe(true);
    const body = (
      err as {
        body: {
          error: { details: { errorType: string; syntaxErrorPosition: { start: { column: number } } } };
        };
      }
    ).body;
    expect(body.error.details.errorType).toBe('UNKNOWN_COMMAND');
    expect(body.error.details.syntaxErrorPosition.start.column).toBe(19);
  });

  it('surfaces missing scopes as InsufficientPermission (403)', async () => {
    const writeOnly = await requestToken(sb.url, ['storage:events:write']);
    const client = new QueryExecutionClient(
      new PlatformHttpClient({ baseUrl: sb.url, defaultHeaders: { Authorization: `Bearer ${writeOnly}` } }),
    );
    const err = await client.queryExecute({ body: { query: 'fetch bizevents' } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isInsufficientPermission(err)).toBe(true);
    expect(String((err as Error).message)).toContain('storage:bizevents:read');
  });
});

/** What an SDK call ended with: `ok`, or the SDK's error type, HTTP status and Retry-After. */
interface Seen {
  call: 'ingest' | 'query';
  outcome: string;
  status?: number;
  retryAfter?: string;
}

async function seen(call: Seen['call'], run: () => Promise<unknown>): Promise<Seen> {
  try {
    await run();
    return { call, outcome: 'ok' };
  } catch (err) {
    const response = (err as { response?: { status: number; headers: Record<string, string> } }).response;
    const outcome = isBizEventIngestResultError(err)
      ? 'BizEventIngestResultError'
      : isErrorEnvelopeError(err) || isClassicErrorEnvelopeError(err)
        ? 'ErrorEnvelopeError'
        : isClientRequestError(err)
          ? 'ClientRequestError'
          : `unexpected: ${String(err)}`;
    return {
      call,
      outcome,
      ...(response ? { status: response.status } : {}),
      ...(response?.headers['retry-after'] ? { retryAfter: response.headers['retry-after'] } : {}),
    };
  }
}

/** Alternating ingest and query calls through the official clients against a faulted sandbox. */
async function faultedRun(faults: string, calls: number): Promise<{ seen: Seen[]; stored: number }> {
  const faulted = await startTestSandbox({ faults: parseFaultSpec(faults) });
  try {
    const http = sdkHttp(faulted.url);
    const q = new QueryExecutionClient(http);
    const ingestClient = new BusinessEventsClient(http);
    const out: Seen[] = [];
    for (let i = 0; i < calls; i++)
      out.push(
        i % 2 === 0
          ? await seen('ingest', () =>
              ingestClient.ingest({
                type: 'application/json; charset=utf-8',
                body: { 'event.provider': 'sdk.faults', 'event.type': 'fault.test', i },
              }),
            )
          : await seen('query', () =>
              q.queryExecute({
                body: { query: 'fetch bizevents | limit 1', requestTimeoutMilliseconds: 5000 },
              }),
            ),
      );
    return { seen: out, stored: (await faulted.sandbox.admin.stats()).eventCount };
  } finally {
    await faulted.dispose();
  }
}

describe('official SDK clients against a sandbox injecting faults', () => {
  const FAULTS = '429=0.3,503=0.2,retryAfter=7,seed=42';

  it('see the seeded 429 (with Retry-After) and 503 answers as their typed errors, the same for the same seed', async () => {
    const first = await faultedRun(FAULTS, 30);
    // The decisions the sandbox draws for this seed, one per ingest or query request (the SSO
    // token request is never faulted).
    const injector = new FaultInjector(parseFaultSpec(FAULTS));
    const expected = first.seen.map(({ call }): Seen => {
      const status = injector.next().status;
      if (status === undefined) return { call, outcome: 'ok' };
      return {
        call,
        // BusinessEventsClient maps 429/503 to its BizEventIngestResultError; QueryExecutionClient
        // to ErrorEnvelopeError: both carry the status, and the 429 its Retry-After.
        outcome: call === 'ingest' ? 'BizEventIngestResultError' : 'ErrorEnvelopeError',
        status,
        ...(status === 429 ? { retryAfter: '7' } : {}),
      };
    });
    expect(first.seen).toEqual(expected);
    const statuses = first.seen.map((s) => s.status);
    expect(statuses).toContain(429);
    expect(statuses).toContain(503);
    expect(statuses).toContain(undefined);
    // Only the ingests the SDK saw succeed are stored.
    expect(first.stored).toBe(first.seen.filter((s) => s.call === 'ingest' && s.outcome === 'ok').length);

    // Replayable: a new sandbox with the same seed gives the client exactly the same run.
    expect(await faultedRun(FAULTS, 30)).toEqual(first);
    // And another seed another one (the sequence is not fixed).
    const other = await faultedRun(FAULTS.replace('seed=42', 'seed=7'), 30);
    expect(other.seen).not.toEqual(first.seen);
  });

  it('sees an early-expired token as a 401 ErrorEnvelopeError, though the token claimed 300 s', async () => {
    const clock = manualClock();
    const faulted = await startTestSandbox({ now: clock.now, faults: parseFaultSpec('tokenTtl=30') });
    try {
      const http = sdkHttp(faulted.url);
      const q = new QueryExecutionClient(http);
      const ingestClient = new BusinessEventsClient(http);
      const run = () =>
        q.queryExecute({ body: { query: 'fetch bizevents', requestTimeoutMilliseconds: 5000 } });
      const send = () =>
        ingestClient.ingest({
          type: 'application/json; charset=utf-8',
          body: { 'event.provider': 'sdk', 'event.type': 'ttl' },
        });
      expect(await seen('query', run)).toEqual({ call: 'query', outcome: 'ok' });
      clock.advanceSeconds(30);
      // The SDK keeps a token for its expires_in (300 s), so it sends the expired one and gets 401.
      expect(await seen('query', run)).toEqual({ call: 'query', outcome: 'ErrorEnvelopeError', status: 401 });
      expect(await seen('ingest', send)).toEqual({
        call: 'ingest',
        outcome: 'ErrorEnvelopeError',
        status: 401,
      });
      const err = await run().catch((e: unknown) => e);
      expect((err as Error).message).toContain('The access token has expired.');
      // A client with a fresh token works again.
      const fresh = new QueryExecutionClient(sdkHttp(faulted.url));
      const again = await fresh.queryExecute({
        body: { query: 'fetch bizevents', requestTimeoutMilliseconds: 5000 },
      });
      expect(again.state).toBe('SUCCEEDED');
      expect((await faulted.sandbox.admin.stats()).eventCount).toBe(0);
    } finally {
      await faulted.dispose();
    }
  });
});
