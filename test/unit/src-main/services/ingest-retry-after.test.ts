import { describe, expect, it } from 'vitest';
import { retryAfter } from '../../../../src-main/services/ingest-service';

describe('retryAfter', () => {
  it('reads delta-seconds and HTTP dates, and ignores anything else', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfter('30', now)).toBe(30);
    expect(retryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10);
    expect(retryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(retryAfter('soon', now)).toBeUndefined();
    expect(retryAfter(null, now)).toBeUndefined();
  });
});
