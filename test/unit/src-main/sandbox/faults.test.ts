import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../../src-main/sandbox/faults';
import { parseFaultSpec } from '../../../../src-main/sandbox/faults-spec';

const draw = (spec: string, n: number) => {
  const injector = new FaultInjector(parseFaultSpec(spec));
  return Array.from({ length: n }, () => injector.next());
};

describe('FaultInjector', () => {
  it('gives the same decision sequence for the same seed and a different one for another seed', () => {
    const a = draw('429=0.2,503=0.1,latency=10-90,seed=42', 200);
    expect(draw('429=0.2,503=0.1,latency=10-90,seed=42', 200)).toEqual(a);
    expect(draw('429=0.2,503=0.1,latency=10-90,seed=43', 200)).not.toEqual(a);
  });

  it('answers about the configured shares, and latency stays in its range', () => {
    const decisions = draw('429=0.2,503=0.1,latency=10-90,seed=5', 10_000);
    const share = (s: number) => decisions.filter((d) => d.status === s).length / decisions.length;
    expect(share(429)).toBeGreaterThan(0.18);
    expect(share(429)).toBeLessThan(0.22);
    expect(share(503)).toBeGreaterThan(0.08);
    expect(share(503)).toBeLessThan(0.12);
    const latencies = decisions.map((d) => d.latencyMs);
    expect(Math.min(...latencies)).toBe(10);
    expect(Math.max(...latencies)).toBe(90);
  });

  it('never faults with zero shares and always with share 1', () => {
    expect(draw('latency=1,seed=1', 500).every((d) => d.status === undefined)).toBe(true);
    expect(draw('503=1,seed=1', 500).every((d) => d.status === 503)).toBe(true);
  });

  it('keeps the latency sequence when only the status shares change', () => {
    const lat = (spec: string) => draw(spec, 50).map((d) => d.latencyMs);
    expect(lat('latency=0-100,seed=8')).toEqual(lat('429=0.5,latency=0-100,seed=8'));
  });

  it('expires tokens early only when tokenTtl is set', () => {
    const withTtl = new FaultInjector(parseFaultSpec('tokenTtl=30'));
    expect(withTtl.tokenExpiredEarly(1000, 1029)).toBe(false);
    expect(withTtl.tokenExpiredEarly(1000, 1030)).toBe(true);
    expect(new FaultInjector(parseFaultSpec('503=0.1')).tokenExpiredEarly(1000, 1290)).toBe(false);
  });
});
