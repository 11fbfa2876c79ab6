import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  epochLexemeToNs,
  formatTimestamp,
  parseIngestTimestampString,
  parseRfc3339,
  parseTimestampString,
  resolveTimezone,
} from '../../../../src-shared/grail/timestamp';
import fc from 'fast-check';

describe('parseIngestTimestampString', () => {
  const now = parseRfc3339('2025-03-10T12:00:00Z')!;

  it('parses RFC 3164 (syslog) timestamps as UTC in the ingest year (reference §3.5)', () => {
    expect(parseIngestTimestampString('Mar  7 07:07:13', now)).toBe(parseRfc3339('2025-03-07T07:07:13Z'));
    expect(parseIngestTimestampString('Mar 11 11:59:00', now)).toBe(parseRfc3339('2025-03-11T11:59:00Z'));
    // More than a day ahead of the ingest time: last year's line.
    expect(parseIngestTimestampString('Aug  7 07:07:13', now)).toBe(parseRfc3339('2024-08-07T07:07:13Z'));
    const january = parseRfc3339('2025-01-01T00:30:00Z')!;
    expect(parseIngestTimestampString('Dec 31 23:59:59', january)).toBe(parseRfc3339('2024-12-31T23:59:59Z'));
    expect(parseIngestTimestampString('Feb 29 00:00:00', now)).toBe(parseRfc3339('2024-02-29T00:00:00Z'));
    for (const bad of ['Aug 32 07:07:13', 'Aug  7 25:07:13', 'aug  7 07:07:13', 'Aug 7 07:07:13'])
      expect(parseIngestTimestampString(bad, now)).toBeUndefined();
  });

  it('parses what any timestamp string parses to as well', () => {
    expect(parseIngestTimestampString('1700000000000', now)).toBe(1_700_000_000_000_000_000n);
    expect(parseIngestTimestampString('2023-08-07T07:07:13Z', now)).toBe(1691392033000000000n);
  });
});

describe('parseRfc3339', () => {
  it('parses Z, offsets, fractions up to nanoseconds', () => {
    expect(parseRfc3339('1970-01-01T00:00:00Z')).toBe(0n);
    expect(parseRfc3339('1970-01-01T01:00:00+01:00')).toBe(0n);
    expect(parseRfc3339('1969-12-31T23:59:59.999999999Z')).toBe(-1n);
    expect(parseRfc3339('2023-08-07T07:07:13.532Z')).toBe(1691392033532000000n);
    expect(parseRfc3339('2023-08-07t07:07:13.5321234567z')).toBe(1691392033532123456n); // extra digits truncated
    expect(parseRfc3339('2023-08-07 07:07:13-0230')).toBe(1691392033000000000n + 9000n * 1_000_000_000n);
  });

  it('rejects malformed dates', () => {
    for (const bad of [
      '2023-02-29T00:00:00Z',
      '2023-13-01T00:00:00Z',
      '2023-01-01T24:00:00Z',
      '2023-01-01',
      'now',
      '2023-01-01T00:00:00+25:00',
    ]) {
      expect(parseRfc3339(bad)).toBeUndefined();
    }
    expect(parseRfc3339('2024-02-29T00:00:00Z')).toBeDefined();
  });
});

describe('epoch magnitude rule', () => {
  it('classifies by magnitude: ≤1e11 s, ≤1e14 ms, else µs', () => {
    expect(epochLexemeToNs('100000000000')).toBe(100000000000n * 1_000_000_000n);
    expect(epochLexemeToNs('100000000001')).toBe(100000000001n * 1_000_000n);
    expect(epochLexemeToNs('100000000000000')).toBe(100000000000000n * 1_000_000n);
    expect(epochLexemeToNs('100000000000001')).toBe(100000000000001n * 1_000n);
    expect(epochLexemeToNs('1.5e9')).toBe(1_500_000_000n * 1_000_000_000n);
    expect(epochLexemeToNs('-5')).toBe(-5_000_000_000n);
  });

  it('takes epoch digits in strings, else RFC 3339', () => {
    expect(parseTimestampString(' 1700000000 ')).toBe(1_700_000_000n * 1_000_000_000n);
    expect(parseTimestampString('2023-11-14T22:13:20Z')).toBe(1_700_000_000n * 1_000_000_000n);
    expect(parseTimestampString('1e9')).toBeUndefined();
  });
});

describe('formatTimestamp', () => {
  const t = 1691654781697000000n; // 2023-08-10T08:06:21.697Z

  it('renders exactly 9 fractional digits with Z for UTC', () => {
    expect(formatTimestamp(t)).toBe('2023-08-10T08:06:21.697000000Z');
    expect(formatTimestamp(t, 'UTC')).toBe('2023-08-10T08:06:21.697000000Z');
    expect(formatTimestamp(-1n)).toBe('1969-12-31T23:59:59.999999999Z');
  });

  it('renders IANA zones (with DST) and fixed offsets', () => {
    expect(formatTimestamp(t, 'Europe/Vienna')).toBe('2023-08-10T10:06:21.697000000+02:00');
    expect(formatTimestamp(parseRfc3339('2023-01-10T08:00:00Z') as bigint, 'Europe/Vienna')).toBe(
      '2023-01-10T09:00:00.000000000+01:00',
    );
    expect(formatTimestamp(t, '-05:30')).toBe('2023-08-10T02:36:21.697000000-05:30');
    expect(formatTimestamp(t, 'Europe/London')).toBe('2023-08-10T09:06:21.697000000+01:00');
  });

  it('falls back to UTC for unknown zones; resolveTimezone reports them', () => {
    expect(resolveTimezone('Mars/Olympus')).toBeUndefined();
    expect(resolveTimezone(undefined)?.id).toBe('Z');
    expect(formatTimestamp(t, 'Mars/Olympus')).toBe('2023-08-10T08:06:21.697000000Z');
  });

  it('round-trips through parseRfc3339 in any offset', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }),
        fc.constantFrom('UTC', 'Europe/Paris', '+05:45', 'America/New_York'),
        (ns, tz) => {
          expect(parseRfc3339(formatTimestamp(ns, tz))).toBe(ns);
        },
      ),
    );
  });

  it('civil/day conversions are inverse', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (d) => {
        const { year, month, day } = civilFromDays(d);
        expect(daysFromCivil(year, month, day)).toBe(d);
      }),
    );
  });
});
