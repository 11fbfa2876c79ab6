import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../src-shared/errors';
import type { HttpRequest, HttpResponse, HttpSend } from '../../../../../src-main/platform/http';
import type { Connection } from '../../../../../src-main/services/connection';
import { postBatch } from '../../../../../src-main/services/bulk/batch-post';
import type { PostContext } from '../../../../../src-main/services/bulk/batch-post';

const conn: Connection = {
  environmentId: 'e',
  platformBaseUrl: 'https://env.example',
  ingestPath: '/api/v2/bizevents/ingest',
  authorization: async () => 'Api-Token x',
  onUnauthorized: () => {},
};

type Answer = { status: number; body?: string; headers?: Record<string, string> } | Error;

/** Answers the scripted responses in order and records the waits instead of sleeping. */
function scripted(answers: Answer[]) {
  const calls: HttpRequest[] = [];
  const waits: number[] = [];
  const retries: string[] = [];
  const http: HttpSend = async (req) => {
    calls.push(req);
    const a = answers[calls.length - 1];
    if (!a) throw new Error('no more answers');
    if (a instanceof Error) throw a;
    return {
      status: a.status,
      headers: new Headers(a.headers ?? {}),
      text: a.body ?? '',
    } satisfies HttpResponse;
  };
  const ctx: PostContext = {
    conn,
    http,
    contentType: 'application/json',
    signal: new AbortController().signal,
    retry: { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 },
    sleep: async (ms) => void waits.push(ms),
    onRetry: (reason) => void retries.push(reason),
  };
  return { ctx, calls, waits, retries };
}

describe('postBatch', () => {
  it('retries 429 after exactly Retry-After, 503 with backoff, a network error, then succeeds', async () => {
    const network = new AppError('NETWORK', 'Could not reach env.example: connection reset', {}, true);
    const s = scripted([
      { status: 429, headers: { 'retry-after': '3' } },
      { status: 503 },
      network,
      { status: 202 },
    ]);
    expect(await postBatch('[{}]', 1, s.ctx)).toEqual({ failed: 0 });
    expect(s.calls).toHaveLength(4);
    expect(
      s.calls.every((c) => c.body === '[{}]' && c.headers?.['content-type'] === 'application/json'),
    ).toBe(true);
    expect(s.waits[0]).toBe(3000);
    // Exponential with jitter: attempt 2 waits within [100, 200], attempt 3 within [200, 400].
    expect(s.waits[1]).toBeGreaterThanOrEqual(100);
    expect(s.waits[1]).toBeLessThanOrEqual(200);
    expect(s.waits[2]).toBeGreaterThanOrEqual(200);
    expect(s.waits[2]).toBeLessThanOrEqual(400);
    expect(s.retries).toEqual(['HTTP 429', 'HTTP 503', network.message]);
  });

  it('gives up after the last attempt with a retryable error (the job pauses, to resume later)', async () => {
    const s = scripted([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }]);
    const err = await postBatch('[]', 0, s.ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'BULK_GAVE_UP', retryable: true });
    expect(s.calls).toHaveLength(4);
  });

  it('counts the per-event errors of a 400 as rejected events, or all when the list is missing', async () => {
    const partial = scripted([
      { status: 400, body: JSON.stringify({ errors: [{ index: 1 }, { index: 4 }] }) },
    ]);
    expect(await postBatch('[]', 5, partial.ctx)).toEqual({ failed: 2 });
    const whole = scripted([{ status: 400, body: '{"error":{"code":400}}' }]);
    expect(await postBatch('[]', 5, whole.ctx)).toEqual({ failed: 5 });
  });

  it('stops on 403 and 413 with the reason, without retrying', async () => {
    const forbidden = scripted([{ status: 403 }]);
    await expect(postBatch('[]', 1, forbidden.ctx)).rejects.toThrow(
      /bizevents\.ingest.*storage:events:write/,
    );
    expect(forbidden.calls).toHaveLength(1);
    await expect(postBatch('[]', 1, scripted([{ status: 413 }]).ctx)).rejects.toThrow(
      /lower the events per batch/,
    );
  });
});
