/**
 * Conformance: the official Dynatrace SDK clients, pointed at the sandbox, must not be able to tell
 * it from a tenant. OAuth via the SDK's own client-credentials HttpClient (token URL = sandbox).
 */
import {
  BusinessEventsClient,
  isBizEventIngestResultError,
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
import { ALL_SCOPES, createGate, requestToken, startTestSandbox } from './helpers';
import type { TestSandbox } from './helpers';

let sb: TestSandbox;
let queries: QueryExecutionClient;
let bizevents: BusinessEventsClient;
let gate = createGate();

beforeAll(async () => {
  gate.open();
  sb = await startTestSandbox({
    executionGate: (q) => (q.includes('/*gated*/') ? gate.gate() : Promise.resolve()),
  });
  const http = new _OAuthHttpClient({
    clientId: DEV_CLIENT_ID,
    secret: DEV_CLIENT_SECRET,
    scopes: ALL_SCOPES,
    environmentUrl: sb.url,
    authUrl: `${sb.url}/sso/oauth2/token`,
  });
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
