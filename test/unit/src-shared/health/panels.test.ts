import { describe, expect, it } from 'vitest';
import { duplicatesFrom, missingFrom, providersFrom, volumeFrom } from '../../../../src-shared/health/panels';
import { CANARY_PROVIDER } from '../../../../src-shared/health/queries';

const current = { start: '2024-05-01T10:00:00.000Z', end: '2024-05-01T10:15:00.000Z' };

describe('volume', () => {
  it('lays counts (long digit strings) out per 5-minute bucket, empty buckets as 0, biggest series first', () => {
    const v = volumeFrom(
      [
        { interval: '2024-05-01T10:00:00.000000000Z', 'event.provider': 'a', 'event.type': 't', events: '2' },
        { interval: '2024-05-01T10:10:00.000000000Z', 'event.provider': 'a', 'event.type': 't', events: '3' },
        { interval: '2024-05-01T10:05:00.000000000Z', 'event.provider': 'b', 'event.type': 'u', events: '7' },
        null,
      ],
      current,
      5 * 60_000,
    );
    expect(v.bucketStarts).toEqual([
      '2024-05-01T10:00:00.000Z',
      '2024-05-01T10:05:00.000Z',
      '2024-05-01T10:10:00.000Z',
    ]);
    expect(v.series).toEqual([
      { provider: 'b', type: 'u', total: 7, counts: [0, 7, 0] },
      { provider: 'a', type: 't', total: 5, counts: [2, 0, 3] },
    ]);
    expect(v.total).toBe(12);
  });

  it('labels an absent provider', () => {
    const v = volumeFrom(
      [{ interval: '2024-05-01T10:00:00Z', 'event.type': 't', events: '1' }],
      current,
      300_000,
    );
    expect(v.series[0]).toMatchObject({ provider: '(none)', type: 't' });
  });
});

describe('providers', () => {
  it('calls a provider silent when it sent before and not now, never the canary, silent ones first', () => {
    const p = providersFrom([
      { 'event.provider': 'live', current: '4', previous: '1', lastSeen: '2024-05-01T10:14:00.000000000Z' },
      { 'event.provider': 'gone', current: '0', previous: '9', lastSeen: '2024-05-01T09:30:00.000000000Z' },
      { 'event.provider': 'new', current: '2', previous: '0', lastSeen: '2024-05-01T10:01:00.000000000Z' },
      {
        'event.provider': CANARY_PROVIDER,
        current: '0',
        previous: '3',
        lastSeen: '2024-05-01T09:40:00.000000000Z',
      },
    ]);
    expect(p.map((x) => [x.provider, x.silent])).toEqual([
      ['gone', true],
      ['live', false],
      ['new', false],
      [CANARY_PROVIDER, false],
    ]);
    expect(p.find((x) => x.provider === CANARY_PROVIDER)?.canary).toBe(true);
  });
});

describe('missing fields', () => {
  it('sums over providers and lists only those missing something', () => {
    const m = missingFrom([
      { 'event.provider': 'ok', total: '10', missingProvider: '0', missingType: '0' },
      { 'event.provider': 'shop', total: '5', missingProvider: '0', missingType: '2' },
      { 'event.provider': 'unknown', total: '1', missingProvider: '1', missingType: '0' },
    ]);
    expect(m).toEqual({
      total: 16,
      missingProvider: 1,
      missingType: 2,
      byProvider: [
        { provider: 'shop', total: 5, missingProvider: 0, missingType: 2 },
        { provider: 'unknown', total: 1, missingProvider: 1, missingType: 0 },
      ],
    });
  });
});

describe('duplicates', () => {
  it('counts duplicated ids and extra copies, and notices when more exist than are listed', () => {
    const d = duplicatesFrom([
      { 'event.id': 'x', copies: '3', providers: ['b', 'a'] },
      { 'event.id': 'y', copies: '2', providers: ['a'] },
    ]);
    expect(d).toEqual({
      duplicatedIds: 2,
      extraCopies: 3,
      ids: [
        { eventId: 'x', copies: 3, providers: ['a', 'b'] },
        { eventId: 'y', copies: 2, providers: ['a'] },
      ],
      truncated: false,
    });
    const many = Array.from({ length: 101 }, (_, i) => ({
      'event.id': `id${i}`,
      copies: '2',
      providers: [],
    }));
    expect(duplicatesFrom(many)).toMatchObject({ duplicatedIds: 100, truncated: true });
  });
});
