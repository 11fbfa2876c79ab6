import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src-shared/dql/analyzer';
import { chooseInterval, panelQueries, previousPeriod } from '../../../../src-shared/health/queries';

const current = { start: '2024-05-01T10:00:00.000Z', end: '2024-05-01T12:00:00.000Z' };

describe('health panel queries', () => {
  it('compares with the period of the same length just before', () => {
    expect(previousPeriod(current)).toEqual({
      start: '2024-05-01T08:00:00.000Z',
      end: '2024-05-01T10:00:00.000Z',
    });
  });

  it('picks the smallest bin that keeps the chart within 60 bars', () => {
    expect(chooseInterval(15 * 60_000)).toEqual({ ms: 60_000, literal: '1m' });
    expect(chooseInterval(2 * 3_600_000)).toEqual({ ms: 5 * 60_000, literal: '5m' });
    expect(chooseInterval(24 * 3_600_000)).toEqual({ ms: 30 * 60_000, literal: '30m' });
    expect(chooseInterval(30 * 86_400_000)).toEqual({ ms: 12 * 3_600_000, literal: '12h' });
    expect(chooseInterval(90 * 86_400_000)).toEqual({ ms: 86_400_000, literal: '1d' });
  });

  it('writes valid DQL that names its own timeframe, for every panel', () => {
    const panels = panelQueries(current, previousPeriod(current));
    expect(panels.map((p) => p.id)).toEqual(['volume', 'providers', 'missing', 'duplicates', 'sizes']);
    for (const p of panels) {
      const analysis = analyze(p.query);
      expect(
        analysis.diagnostics.filter((d) => d.severity === 'error'),
        p.id,
      ).toEqual([]);
    }
    expect(panels[0]!.query).toContain(
      'fetch bizevents, from: "2024-05-01T10:00:00.000Z", to: "2024-05-01T12:00:00.000Z"',
    );
    expect(panels[0]!.query).toContain('bin(timestamp, 5m)');
    // Silent providers need both periods in one query.
    expect(panels[1]!.query).toContain('from: "2024-05-01T08:00:00.000Z", to: "2024-05-01T12:00:00.000Z"');
    expect(panels[1]!.query).toContain('countIf(timestamp >= toTimestamp("2024-05-01T10:00:00.000Z"))');
    // Grail stores a missing provider/type as "unknown" (reference §3.5).
    expect(panels[2]!.query).toContain('isNull(event.type) or event.type == "unknown"');
  });
});
