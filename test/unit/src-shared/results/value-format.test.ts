import { describe, expect, it } from 'vitest';
import { formatNumber, formatTimestamp, humanizeDuration } from '../../../../src-shared/results/value-format';

describe('formatNumber', () => {
  it('groups longs sent as strings without losing 64-bit digits', () => {
    expect(formatNumber('9223372036854775807')).toBe('9,223,372,036,854,775,807');
    expect(formatNumber('-1234')).toBe('-1,234');
  });
  it('groups doubles and keeps their fraction', () => {
    expect(formatNumber(1234567.25)).toBe('1,234,567.25');
    expect(formatNumber(0.5)).toBe('0.5');
  });
  it('leaves non-numeric text alone', () => {
    expect(formatNumber('NaN-ish')).toBe('NaN-ish');
  });
});

describe('humanizeDuration', () => {
  it.each([
    ['0', '0 ns'],
    ['999', '999 ns'],
    ['1500', '1.5 µs'],
    ['340000000', '340 ms'],
    ['2500000000', '2.5 s'],
    ['3900000000000', '1 h 5 min'],
    ['90000000000', '1 min 30 s'],
    ['86400000000000', '1 d'],
    ['-2000000', '-2 ms'],
  ])('%s ns reads as %s', (nanos, text) => {
    expect(humanizeDuration(nanos)).toBe(text);
  });
});

describe('formatTimestamp', () => {
  const ts = '2024-01-01T12:00:00.123456789Z';
  it('shows the wire ISO text in UTC mode', () => {
    expect(formatTimestamp(ts, { zone: 'utc' })).toBe(ts);
  });
  it('converts to the chosen zone and keeps all nine fraction digits', () => {
    expect(formatTimestamp(ts, { zone: 'local', timeZone: 'Europe/Vienna' })).toBe(
      '2024-01-01 13:00:00.123456789 GMT+1',
    );
    expect(formatTimestamp(ts, { zone: 'local', timeZone: 'America/New_York' })).toBe(
      '2024-01-01 07:00:00.123456789 EST',
    );
  });
  it('leaves text that is not RFC 3339 as it came', () => {
    expect(formatTimestamp('yesterday', { zone: 'local', timeZone: 'UTC' })).toBe('yesterday');
  });
});
