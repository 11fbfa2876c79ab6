import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_API_TOKEN } from '../../../src-main/sandbox/dev-credentials';
import {
  ALL_SCOPES,
  READ_SCOPES,
  ingest,
  manualClock,
  query,
  requestToken,
  startTestSandbox,
} from './helpers';
import type { TestSandbox } from './helpers';

const PLATFORM_PATH = '/platform/classic/environment-api/v2/bizevents/ingest';
const clock = manualClock();
let sb: TestSandbox;
let readToken: string;

beforeAll(async () => {
  sb = await startTestSandbox({
    now: clock.now,
    apiTokens: [
      { token: DEV_API_TOKEN, scopes: ['bizevents.ingest'] },
      { token: 'dt0c01.NOSCOPE00000000000000000.X', scopes: ['metrics.ingest'] },
    ],
  });
  readToken = await requestToken(sb.url, READ_SCOPES);
});
afterAll(() => sb.dispose());

/** Counts stored events with a marker field (the clock is advanced so "now" is after the ingest). */
async function countMarked(marker: string): Promise<number> {
  clock.advanceSeconds(1);
  const r = await query(sb.url, readToken, 'fetch bizevents', { maxResultRecords: 100000 });
  return r.result.records.filter((rec) => rec.marker === marker).length;
}

describe('bizevents ingest', () => {
  it('accepts pure JSON with an Api-Token: 202 with an empty body, stored as flattened', async () => {
    const res = await ingest(
      sb.url,
      '[{"marker":"m1","total":9007199254740993},{"marker":"m1","c":{"a":[1,2]}}]',
    );
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    clock.advanceSeconds(1);
    const r = await query(sb.url, readToken, 'fetch bizevents | sort total desc');
    const stored = r.result.records.filter((rec) => rec.marker === 'm1');
    expect(stored).toHaveLength(2);
    expect(stored[0]).toMatchObject({
      total: '9007199254740993',
      'event.kind': 'BIZ_EVENT',
      'event.provider': 'unknown',
    });
    expect(stored[1]).toMatchObject({ c: '{"a":[1,2]}' });
  });

  it('accepts Bearer tokens with storage:events:write on the classic and the platform path', async () => {
    const token = await requestToken(sb.url, ALL_SCOPES);
    for (const path of ['/api/v2/bizevents/ingest', PLATFORM_PATH]) {
      const ce = JSON.stringify({
        specversion: '1.0',
        id: 'x',
        source: 'src',
        type: 't',
        data: { marker: 'm2' },
      });
      const res = await ingest(sb.url, ce, {
        path,
        auth: `Bearer ${token}`,
        contentType: 'application/cloudevent+json',
      });
      expect(res.status).toBe(202);
    }
    expect(await countMarked('m2')).toBe(2);
  });

  it('answers partial success with 400 and stores the valid events', async () => {
    const batch = JSON.stringify([
      { specversion: '1.0', id: 'ok-1', source: 'src', type: 't', data: { marker: 'm3' } },
      { id: 'bad-1', source: 'src', type: 't', data: { marker: 'm3' } },
      { specversion: '1.0', id: 'ok-2', source: 'src', type: 't', data: { marker: 'm3' } },
    ]);
    const res = await ingest(sb.url, batch, { contentType: 'application/cloudevents-batch+json' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      errors: [{ index: 1, id: 'bad-1', source: 'src', message: expect.stringContaining('specversion') }],
    });
    expect(await countMarked('m3')).toBe(2);
  });

  it('stores nothing for an unparseable body (400)', async () => {
    const res = await ingest(sb.url, '[{"marker":"m4"}, {"marker": ');
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      errors: [{ message: expect.stringContaining('not valid JSON') }],
    });
    const bad = await ingest(sb.url, '{"marker":"m4"}', { contentType: 'application/cloudevent-batch+json' });
    expect(bad.status).toBe(400);
    expect(await countMarked('m4')).toBe(0);
  });

  it('rejects unsupported content types with 415', async () => {
    const res = await ingest(sb.url, '{"marker":"m5"}', { contentType: 'text/plain' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: { code: 415, message: expect.any(String) } });
  });

  it('rejects payloads over 5 MiB with 413 and stores nothing (declared length)', async () => {
    const filler = 'x'.repeat(5 * 1024 * 1024);
    const res = await ingest(sb.url, JSON.stringify({ marker: 'm6', filler }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ errors: [{ message: expect.stringContaining('5 MiB') }] });
    expect(await countMarked('m6')).toBe(0);
  });

  it('stops reading a chunked upload past 5 MiB and answers 413', async () => {
    const { port } = new URL(sb.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/v2/bizevents/ingest',
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Api-Token ${DEV_API_TOKEN}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      const chunk = Buffer.alloc(256 * 1024, 'a');
      req.write('{"marker":"m7","filler":"');
      let sent = 0;
      const pump = (): void => {
        while (sent < 8 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end('"}');
      };
      pump();
    });
    expect(status).toBe(413);
    expect(await countMarked('m7')).toBe(0);
  });

  it('answers 401 in the ErrorEnvelope without echoing credentials', async () => {
    const noAuth = await fetch(`${sb.url}/api/v2/bizevents/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(noAuth.status).toBe(401);
    expect(await noAuth.json()).toEqual({
      error: { code: 401, message: 'Missing authorization parameter.' },
    });

    const wrongToken = 'dt0c01.WRONGWRONGWRONGWRONGWRONG.SECRETSECRET';
    const wrong = await ingest(sb.url, '{}', { auth: `Api-Token ${wrongToken}` });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('SECRETSECRET');

    // The platform path only takes Bearer.
    const apiTokenOnPlatform = await ingest(sb.url, '{}', { path: PLATFORM_PATH });
    expect(apiTokenOnPlatform.status).toBe(401);
    const text = await apiTokenOnPlatform.text();
    expect(JSON.parse(text).error.message).toContain("require the authorization scheme 'Bearer'");
    expect(text).not.toContain(DEV_API_TOKEN);

    const garbageBearer = await ingest(sb.url, '{}', { auth: 'Bearer not.a.jwt' });
    expect(garbageBearer.status).toBe(401);
  });

  it('answers 403 for credentials without the ingest scope', async () => {
    const noScope = await ingest(sb.url, '{}', { auth: 'Api-Token dt0c01.NOSCOPE00000000000000000.X' });
    expect(noScope.status).toBe(403);
    expect(await noScope.json()).toMatchObject({
      error: { code: 403, message: expect.stringContaining('bizevents.ingest') },
    });
    const readOnly = await ingest(sb.url, '{}', { auth: `Bearer ${readToken}` });
    expect(readOnly.status).toBe(403);
  });

  it('rejects expired access tokens', async () => {
    const token = await requestToken(sb.url, ALL_SCOPES);
    clock.advanceSeconds(301);
    const res = await ingest(sb.url, '{"marker":"m8"}', { auth: `Bearer ${token}` });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { message: 'The access token has expired.' } });
    readToken = await requestToken(sb.url, READ_SCOPES);
  });

  it('rejects invalid UTF-8', async () => {
    const res = await fetch(`${sb.url}/api/v2/bizevents/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Api-Token ${DEV_API_TOKEN}` },
      body: Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expect(res.status).toBe(400);
  });
});
