import { describe, expect, it } from 'vitest';
import { SAMPLE_SIZES, sampleEvents } from '../../../../src-main/services/sandbox-samples';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('sample data sets', () => {
  it.each(['bike-rental', 'checkout-funnel'] as const)(
    '%s has its size, the same events every time, all within the last 90 minutes',
    (id) => {
      const events = sampleEvents(id, NOW);
      expect(events).toHaveLength(SAMPLE_SIZES[id]);
      expect(sampleEvents(id, NOW)).toEqual(events);
      for (const e of events) {
        const t = Date.parse(String(e.timestamp));
        expect(t).toBeGreaterThanOrEqual(NOW - 90 * 60_000);
        expect(t).toBeLessThanOrEqual(NOW);
        expect(e['event.type']).toEqual(expect.any(String));
        expect(e['event.provider']).toEqual(expect.any(String));
      }
    },
  );

  it('bike rentals carry RENT_NM with a skewed popularity, as the notebook question expects', () => {
    const counts = new Map<string, number>();
    for (const e of sampleEvents('bike-rental', NOW))
      counts.set(String(e.RENT_NM), (counts.get(String(e.RENT_NM)) ?? 0) + 1);
    const sorted = [...counts.values()].sort((a, b) => b - a);
    expect(sorted.length).toBeGreaterThan(5);
    expect(sorted[0]!).toBeGreaterThan(3 * sorted[sorted.length - 1]!);
  });

  it('checkout sessions only reach a step after the one before it, in time order', () => {
    const sessions = new Map<string, { step: number; t: number }[]>();
    for (const e of sampleEvents('checkout-funnel', NOW)) {
      const list = sessions.get(String(e['session.id'])) ?? [];
      list.push({ step: Number(e.step), t: Date.parse(String(e.timestamp)) });
      sessions.set(String(e['session.id']), list);
    }
    const reached = [0, 0, 0, 0];
    for (const steps of sessions.values()) {
      expect(steps.map((s) => s.step)).toEqual(steps.map((_, i) => i + 1));
      for (let i = 1; i < steps.length; i++) expect(steps[i]!.t).toBeGreaterThan(steps[i - 1]!.t);
      for (const s of steps) reached[s.step - 1]!++;
    }
    expect(reached).toEqual([...reached].sort((a, b) => b - a));
    expect(reached[3]!).toBeGreaterThan(0);
  });
});
