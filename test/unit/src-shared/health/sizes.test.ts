import { describe, expect, it } from 'vitest';
import { formatBytes, recordBytes, sizesFrom } from '../../../../src-shared/health/sizes';

describe('event sizes', () => {
  it('measures UTF-8 bytes of the record as JSON', () => {
    expect(recordBytes({ a: 'é' })).toBe(JSON.stringify({ a: 'é' }).length + 1);
  });

  it('buckets, takes nearest-rank percentiles and names the largest event', () => {
    const small = Array.from({ length: 19 }, (_, i) => ({
      'event.id': `s${String(i).padStart(2, '0')}`,
      'event.provider': 'p',
      v: 'x',
    }));
    const big = { 'event.id': 'big', 'event.provider': 'q', v: 'y'.repeat(70_000) };
    const s = sizesFrom([...small, big, null]);
    expect(s.sampled).toBe(20);
    expect(s.buckets.find((b) => b.label === '< 512 B')?.count).toBe(19);
    expect(s.buckets.find((b) => b.label === '≥ 64 KB')?.count).toBe(1);
    expect(s.p50Bytes).toBe(recordBytes(small[0]!));
    expect(s.p95Bytes).toBe(recordBytes(small[0]!));
    expect(s.maxBytes).toBe(recordBytes(big));
    expect(s.largest).toEqual({ eventId: 'big', provider: 'q', bytes: recordBytes(big) });
  });

  it('is empty without records', () => {
    expect(sizesFrom([])).toMatchObject({ sampled: 0, p50Bytes: 0, maxBytes: 0, largest: null });
  });

  it('formats bytes', () => {
    expect([formatBytes(12), formatBytes(2048), formatBytes(3 * 1024 * 1024)]).toEqual([
      '12 B',
      '2.0 KB',
      '3.0 MB',
    ]);
  });
});
