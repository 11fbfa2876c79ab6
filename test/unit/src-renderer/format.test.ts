import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  errorMessage,
  formatBytes,
  formatDuration,
  lineColumnAt,
  pluralize,
  utf8Length,
} from '../../../src-renderer/lib/format';

describe('format helpers', () => {
  it('formats durations', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1234)).toBe('1.23 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(Number.NaN)).toBe('—');
  });

  it('formats sizes and counts', () => {
    expect(formatBytes(312)).toBe('312 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MB');
    expect(pluralize(1, 'record')).toBe('1 record');
    expect(pluralize(100_000, 'record')).toBe('100,000 records');
  });

  it('counts UTF-8 bytes like TextEncoder', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      }),
      { numRuns: 300 },
    );
  });

  it('maps offsets to 1-based line and column', () => {
    const text = '{\n  "a": 1,\n  "b": }';
    expect(lineColumnAt(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumnAt(text, 2)).toEqual({ line: 2, column: 1 });
    expect(lineColumnAt(text, text.length - 1)).toEqual({ line: 3, column: 8 });
    expect(lineColumnAt(text, 999)).toEqual({ line: 3, column: 9 });
  });

  it('turns anything thrown into words', () => {
    expect(errorMessage(new Error('Cannot reach the Bizlens host.'))).toBe('Cannot reach the Bizlens host.');
    expect(errorMessage('boom')).toBe('Something went wrong.');
    expect(errorMessage({ message: '' })).toBe('Something went wrong.');
  });
});
