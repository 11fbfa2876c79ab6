import { describe, expect, it } from 'vitest';
import { summarizeSend } from '../../../src-renderer/features/composer/send-summary';

describe('summarizeSend', () => {
  it('reads 202 as accepted', () => {
    expect(summarizeSend({ status: 202, accepted: true, body: '', durationMs: 34 })).toEqual({
      accepted: true,
      headline: '202 Accepted · 34 ms',
      problems: [],
    });
  });

  it('lists the ingest API errors with their index', () => {
    const body = JSON.stringify({
      errors: [
        { index: 1, id: 'abc', message: "The CloudEvent is missing the required attribute 'source'." },
        { index: 3, source: 'x' },
      ],
    });
    const s = summarizeSend({ status: 400, accepted: false, body, durationMs: 12 });
    expect(s.headline).toBe('400 Bad Request · 12 ms');
    expect(s.problems).toEqual([
      { index: 1, id: 'abc', message: "The CloudEvent is missing the required attribute 'source'." },
      { index: 3, message: 'x' },
    ]);
  });

  it('reads the generic Dynatrace error envelope (413, 401)', () => {
    const s = summarizeSend({
      status: 413,
      accepted: false,
      body: JSON.stringify({ error: { code: 413, message: 'Payload too large: limit is 5 MB.' } }),
      durationMs: 8,
    });
    expect(s.headline).toBe('413 Payload Too Large · 8 ms');
    expect(s.problems).toEqual([{ message: 'Payload too large: limit is 5 MB.' }]);

    const v = summarizeSend({
      status: 400,
      accepted: false,
      body: JSON.stringify({
        error: {
          code: 400,
          message: 'Invalid.',
          constraintViolations: [{ path: 'body', message: 'must not be empty' }],
        },
      }),
      durationMs: 1,
    });
    expect(v.problems).toEqual([{ message: 'Invalid. — body: must not be empty' }]);
  });

  it('shows other bodies as text, capped', () => {
    const s = summarizeSend({ status: 401, accepted: false, body: 'Missing token', durationMs: 3 });
    expect(s).toMatchObject({ headline: '401 Unauthorized · 3 ms', problems: [], rawBody: 'Missing token' });
    const long = summarizeSend({ status: 500, accepted: false, body: 'x'.repeat(10_000), durationMs: 3 });
    expect(long.rawBody).toHaveLength(4001);
  });

  it('names unknown statuses by number only', () => {
    expect(summarizeSend({ status: 599, accepted: false, body: '', durationMs: 2 }).headline).toBe(
      '599 · 2 ms',
    );
  });

  it('explains what each status means for this send and what the credential needs', () => {
    const ctx = { authKind: 'apiToken' as const, bytes: 6 * 1024 * 1024, eventCount: 3 };
    const res = (status: number, body = '', retryAfterSeconds?: number) =>
      summarizeSend(
        {
          status,
          accepted: status === 202,
          body,
          durationMs: 5,
          ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
        },
        ctx,
      );
    expect(res(202).explanation).toBe('All 3 events accepted and will be stored.');
    const accepted = { status: 202, accepted: true, body: '', durationMs: 5 };
    expect(summarizeSend(accepted, { ...ctx, eventCount: 1 }).explanation).toBe(
      'The event was accepted and will be stored.',
    );
    expect(res(400, JSON.stringify({ errors: [{ index: 1, message: 'x' }] })).explanation).toBe(
      'Partial success: 2 valid events stored, 1 rejected (marked in the payload).',
    );
    expect(res(400, JSON.stringify({ errors: [{ message: 'not JSON' }] })).explanation).toMatch(
      /nothing was stored/,
    );
    expect(res(401).explanation).toContain('bizevents.ingest');
    expect(
      summarizeSend({ status: 403, accepted: false, body: '', durationMs: 1 }, { ...ctx, authKind: 'oauth' })
        .explanation,
    ).toContain('storage:events:write');
    expect(res(413).explanation).toMatch(/6\.0 MB\) is over the 5\.0 MB per-request limit/);
    expect(res(429, '', 7).explanation).toBe(
      "Too many requests: nothing was stored. Retry after 7 s (the server's Retry-After).",
    );
    expect(res(503).explanation).toMatch(/Retry in a few seconds/);
    expect(res(202).body).toBeUndefined();
    expect(res(400, '{"errors":[]}').body).toBe('{"errors":[]}');
  });
});
