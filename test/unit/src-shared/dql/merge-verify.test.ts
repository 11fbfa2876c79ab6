import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src-shared/dql/analyzer';
import { remoteOnly } from '../../../../src-shared/dql/merge-verify';

describe('remoteOnly (Grail verify merged with local diagnostics)', () => {
  const local = analyze('fetch bizevents | limt 10').diagnostics;

  it('drops server problems the local analysis already reports', () => {
    const start = 'fetch bizevents | '.length;
    const dup = { severity: 'error' as const, message: 'Unknown command limt', start, end: start + 4 };
    expect(remoteOnly(local, [dup])).toEqual([]);
  });

  it('keeps server problems the local analysis does not know, once each', () => {
    const extra = { severity: 'error' as const, message: 'Bucket quota exceeded', start: 0, end: 5 };
    const warning = { severity: 'warning' as const, message: 'Sampling applies', start: 18, end: 22 };
    expect(remoteOnly(local, [extra, extra, warning])).toEqual([extra, warning]);
  });

  it('treats zero-width spans as the character they point at', () => {
    const d = analyze('fetch bizevents | filter (a').diagnostics;
    const first = d.find((x) => x.severity === 'error' && x.start === x.end)!;
    expect(first.code).toBe('DQL1013');
    const same = { severity: 'error' as const, message: 'x', start: first.start, end: first.start };
    expect(remoteOnly(d, [same])).toEqual([]);
  });
});
