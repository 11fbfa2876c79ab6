import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRESET,
  describeTimeframe,
  resolveTimeframe,
  toLocalInput,
} from '../../../src-renderer/features/query/timeframe';
import { ownTimeframeParameters } from '../../../src-shared/dql/timeframe-params';
import { parse } from '../../../src-shared/dql/parser';

const NOW = Date.parse('2024-05-01T12:00:00Z');

describe('timeframe picker', () => {
  it('defaults to the last 2 hours, resolved at run time', () => {
    expect(DEFAULT_PRESET).toBe('2h');
    expect(resolveTimeframe({ kind: 'relative', preset: '2h' }, NOW)).toEqual({
      ok: true,
      defaultTimeframeStart: '2024-05-01T10:00:00.000Z',
      defaultTimeframeEnd: '2024-05-01T12:00:00.000Z',
    });
    expect(resolveTimeframe({ kind: 'relative', preset: '7d' }, NOW)).toMatchObject({
      defaultTimeframeStart: '2024-04-24T12:00:00.000Z',
    });
  });

  it('checks an absolute range', () => {
    const from = toLocalInput(NOW - 3_600_000);
    const to = toLocalInput(NOW);
    expect(resolveTimeframe({ kind: 'absolute', from, to }, NOW)).toEqual({
      ok: true,
      defaultTimeframeStart: new Date(NOW - 3_600_000).toISOString(),
      defaultTimeframeEnd: new Date(NOW).toISOString(),
    });
    expect(resolveTimeframe({ kind: 'absolute', from: to, to: from }, NOW)).toEqual({
      ok: false,
      message: 'The start must be before the end.',
    });
    expect(resolveTimeframe({ kind: 'absolute', from: '', to }, NOW).ok).toBe(false);
    expect(describeTimeframe({ kind: 'absolute', from: '2024-05-01T08:00', to: '2024-05-01T09:30' })).toBe(
      '2024-05-01 08:00 – 2024-05-01 09:30',
    );
  });

  it('knows when the query sets its own timeframe', () => {
    expect(ownTimeframeParameters(parse('fetch bizevents | limit 1').ast)).toEqual([]);
    expect(ownTimeframeParameters(parse('fetch bizevents, from: -1h, TO: now()').ast)).toEqual([
      'from',
      'TO',
    ]);
    expect(ownTimeframeParameters(parse('fetch logs, timeframe: "x"').ast)).toEqual(['timeframe']);
    // Only the data source's own parameters count.
    expect(ownTimeframeParameters(parse('fetch x | makeTimeseries count(), from: -1h').ast)).toEqual([]);
  });
});
