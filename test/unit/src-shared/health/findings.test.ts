import { describe, expect, it } from 'vitest';
import { findingsFrom, type FindingInputs } from '../../../../src-shared/health/findings';
import { sizesFrom } from '../../../../src-shared/health/sizes';

const none: FindingInputs = {
  panels: [],
  volume: { intervalMs: 60_000, bucketStarts: [], series: [], total: 5 },
  providers: [],
  missing: { total: 5, missingProvider: 0, missingType: 0, byProvider: [] },
  duplicates: { duplicatedIds: 0, extraCopies: 0, ids: [], truncated: false },
  sizes: sizesFrom([{ a: 1 }]),
};

describe('findings', () => {
  it('finds nothing in a healthy environment', () => {
    expect(findingsFrom(none)).toEqual([]);
  });

  it('reports each problem once, problems first, with the numbers that matter', () => {
    const f = findingsFrom({
      ...none,
      providers: [
        {
          provider: 'gone',
          current: 0,
          previous: 3,
          lastSeen: '2024-05-01T09:00:00Z',
          silent: true,
          canary: false,
        },
        {
          provider: 'live',
          current: 3,
          previous: 3,
          lastSeen: '2024-05-01T10:00:00Z',
          silent: false,
          canary: false,
        },
      ],
      missing: {
        total: 10,
        missingProvider: 1,
        missingType: 2,
        byProvider: [{ provider: 'shop', total: 4, missingProvider: 0, missingType: 2 }],
      },
      duplicates: {
        duplicatedIds: 1,
        extraCopies: 2,
        ids: [{ eventId: 'x', copies: 3, providers: ['a'] }],
        truncated: true,
      },
    });
    expect(f.map((x) => [x.severity, x.code])).toEqual([
      ['problem', 'silent-provider'],
      ['warning', 'missing-provider'],
      ['warning', 'missing-type'],
      ['warning', 'duplicate-ids'],
    ]);
    expect(f[0]!.title).toBe('Provider “gone” went silent');
    expect(f[0]!.detail).toContain('3 events in the previous period');
    expect(f[2]!.detail).toContain('shop (2)');
    expect(f[3]!.title).toBe('1 event.id stored more than once (at least)');
    expect(f[3]!.detail).toContain('2 extra copies');
  });

  it('reports an empty timeframe, failed panels and large events', () => {
    const f = findingsFrom({
      ...none,
      panels: [
        {
          id: 'missing',
          title: 'Missing',
          query: 'fetch bizevents',
          durationMs: 1,
          records: 0,
          truncated: false,
          error: { code: 'AUTH_FORBIDDEN', message: 'Missing scopes: storage:bizevents:read.' },
        },
      ],
      volume: { intervalMs: 60_000, bucketStarts: [], series: [], total: 0 },
      missing: null,
      sizes: sizesFrom([{ 'event.id': 'big', 'event.provider': 'p', v: 'x'.repeat(70_000) }]),
    });
    expect(f.map((x) => x.code)).toEqual(['panel-failed', 'no-events', 'large-events']);
    expect(f[0]!.detail).toBe('AUTH_FORBIDDEN: Missing scopes: storage:bizevents:read.');
    expect(f[2]!.detail).toContain('event.id big');
  });
});
