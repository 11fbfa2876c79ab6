import { describe, expect, it } from 'vitest';
import type { QueryHistoryEntry } from '../../../src-shared/ipc/contract';
import { describeRun, searchHistory } from '../../../src-renderer/features/query/history';
import { summarizeValidation } from '../../../src-renderer/features/query/validation';
import { analyze } from '../../../src-shared/dql/analyzer';

const entry = (query: string, extra: Partial<QueryHistoryEntry> = {}): QueryHistoryEntry => ({
  id: `run-${query}`,
  environmentId: 'sandbox',
  query,
  ranAt: '2024-01-01T00:00:00.000Z',
  timeframe: 'Last 2 hours',
  state: 'SUCCEEDED',
  durationMs: 12,
  starred: false,
  ...extra,
});

describe('query history view', () => {
  it('searches by every word, starred first', () => {
    const entries = [
      entry('fetch bizevents | limit 1'),
      entry('fetch logs'),
      entry('fetch bizevents', { starred: true }),
    ];
    expect(searchHistory(entries, 'BIZEVENTS').map((e) => e.query)).toEqual([
      'fetch bizevents',
      'fetch bizevents | limit 1',
    ]);
    expect(searchHistory(entries, 'fetch limit').map((e) => e.query)).toEqual(['fetch bizevents | limit 1']);
    expect(searchHistory(entries, '')).toHaveLength(3);
  });

  it('describes what a run cost', () => {
    expect(describeRun(entry('q', { records: 3, scannedBytes: 2048 }))).toBe(
      'Last 2 hours · 12 ms · 3 records · 2.0 KB scanned',
    );
    expect(describeRun(entry('q', { state: 'CANCELLED', durationMs: 1500 }))).toBe(
      'Last 2 hours · 1.50 s · cancelled',
    );
  });
});

describe('validation summary', () => {
  it('counts problems and points at the first', () => {
    const text = 'fetch bizevents\n| limt 1';
    expect(summarizeValidation(text, analyze(text).diagnostics)).toBe(
      "1 error. First, at 2:3: There's no command `limt`. Did you mean `limit`?",
    );
    const two = 'fetch bizevents | filter totl > 1 | limt 1';
    // The error leads although the warning (an unknown field) comes first in the text.
    expect(summarizeValidation(two, analyze(two).diagnostics)).toMatch(
      /^1 error and 1 warning\. First error, at 1:37: There's no command `limt`\./,
    );
    const warned = 'fetch bizevents | filter totl > 1';
    expect(summarizeValidation(warned, analyze(warned).diagnostics)).toMatch(
      /^1 warning\. First, at 1:26: The field `totl` isn't known here\./,
    );
    expect(summarizeValidation('fetch bizevents', [])).toBe('No problems found.');
  });
});
