import { describe, expect, it } from 'vitest';
import {
  describeQueryError,
  notificationText,
  summarizeOutcome,
  syntaxErrorPosition,
} from '../../../src-renderer/features/results/query-summary';
import { runSummary } from '../../../src-renderer/features/query/run-outcome';
import type { QueryOutcome } from '../../../src-shared/ipc/contract';

/** As the status line gets it: the summary of an outcome. */
const summarize = (outcome: QueryOutcome) => summarizeOutcome(runSummary(outcome));

const result = (records: number, grail: Record<string, unknown> = {}) => ({
  records: Array.from({ length: records }, () => ({})),
  types: [],
  metadata: { grail },
});

describe('summarizeOutcome', () => {
  it('says records, time and scanned records', () => {
    expect(summarize({ state: 'SUCCEEDED', durationMs: 12, result: result(3, { scannedRecords: 3 }) })).toBe(
      '3 records · 12 ms · scanned 3 records',
    );
  });

  it('uses the singular, thousands separators and seconds', () => {
    expect(
      summarize({
        state: 'SUCCEEDED',
        durationMs: 1234,
        result: result(1, { scannedRecords: 12000 }),
      }),
    ).toBe('1 record · 1.23 s · scanned 12,000 records');
  });

  it('adds the scanned bytes when the server reports them', () => {
    expect(
      summarize({
        state: 'SUCCEEDED',
        durationMs: 12,
        result: result(3, { scannedRecords: 3, scannedBytes: 2048 }),
      }),
    ).toBe('3 records · 12 ms · scanned 3 records (2.0 KB)');
    expect(summarize({ state: 'SUCCEEDED', durationMs: 12, result: result(3, { scannedBytes: 100 }) })).toBe(
      '3 records · 12 ms · scanned 100 B',
    );
  });

  it('leaves out what the server did not report and flags sampling', () => {
    expect(summarize({ state: 'SUCCEEDED', durationMs: 5, result: result(0) })).toBe('0 records · 5 ms');
    expect(summarize({ state: 'SUCCEEDED', durationMs: 5, result: result(2, { sampled: true }) })).toBe(
      '2 records · 5 ms · sampled',
    );
  });

  it('treats cancellation as a state', () => {
    expect(summarize({ state: 'CANCELLED', durationMs: 340 })).toBe('Query cancelled · 340 ms');
  });
});

describe('syntaxErrorPosition', () => {
  it('reads Query API token positions', () => {
    expect(
      syntaxErrorPosition({
        syntaxErrorPosition: {
          start: { index: 20, line: 2, column: 3 },
          end: { index: 25, line: 2, column: 8 },
        },
      }),
    ).toEqual({ line: 2, column: 3, endLine: 2, endColumn: 8 });
  });

  it('accepts a bare line/column and ignores anything else', () => {
    expect(syntaxErrorPosition({ syntaxErrorPosition: { line: 1, column: 7 } })).toEqual({
      line: 1,
      column: 7,
      endLine: 1,
      endColumn: 7,
    });
    expect(syntaxErrorPosition(undefined)).toBeUndefined();
    expect(syntaxErrorPosition({ syntaxErrorPosition: 'line 1' })).toBeUndefined();
    expect(syntaxErrorPosition({ syntaxErrorPosition: { start: { line: 'x' } } })).toBeUndefined();
  });
});

describe('describeQueryError', () => {
  it('appends line:column when known', () => {
    const position = { line: 2, column: 9, endLine: 2, endColumn: 12 };
    expect(describeQueryError('Unknown field.', position)).toBe('Unknown field. (at 2:9)');
    expect(describeQueryError('Timed out.', undefined)).toBe('Timed out.');
  });
});

describe('notificationText', () => {
  it('prefers the message, else fills the format', () => {
    expect(notificationText({ message: 'Result limited to 1000 records.' })).toBe(
      'Result limited to 1000 records.',
    );
    expect(notificationText({ messageFormat: 'Limited to %1$s of %2$s.', arguments: ['10', '20'] })).toBe(
      'Limited to 10 of 20.',
    );
    expect(notificationText({ messageFormat: 'Scanned %s GB', arguments: ['5'] })).toBe('Scanned 5 GB');
    expect(notificationText({ notificationType: 'SCAN_LIMIT_GBYTES' })).toBe('SCAN_LIMIT_GBYTES');
  });
});
