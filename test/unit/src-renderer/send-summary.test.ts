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
});
