/**
 * How a typed Grail value reads in the results table (pure; no DOM). Longs and durations arrive as
 * JSON strings to keep 64-bit precision, so they are grouped and humanized without going through
 * a double where that would lose digits. Timestamps are RFC 3339 with up to 9 fraction digits.
 */

export type TimeZoneChoice = 'local' | 'utc';

export interface ValueFormatOptions {
  /** 'local' shows timestamps in `timeZone` (the user's zone by default); 'utc' shows the wire ISO text. */
  zone: TimeZoneChoice;
  /** An IANA zone for 'local'; undefined means the runtime's zone. */
  timeZone?: string;
}

const GROUPED = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });

/** "1,234,567" for a long (string or number), "1,234.5" for a double; other text unchanged. */
export function formatNumber(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? GROUPED.format(value) : String(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return GROUPED.format(BigInt(value));
  if (typeof value === 'string' && /^-?\d+\.\d+(?:[eE][-+]?\d+)?$/.test(value))
    return GROUPED.format(Number(value));
  return typeof value === 'string' ? value : JSON.stringify(value);
}

const DURATION_UNITS: ReadonlyArray<[string, bigint]> = [
  ['d', 86_400_000_000_000n],
  ['h', 3_600_000_000_000n],
  ['min', 60_000_000_000n],
  ['s', 1_000_000_000n],
  ['ms', 1_000_000n],
  ['µs', 1_000n],
  ['ns', 1n],
];

/**
 * A duration in nanoseconds (string or number) as at most two units: "1 h 5 min", "2.5 s",
 * "340 ms", "0 ns". Below a minute, one unit with up to 3 decimals.
 */
export function humanizeDuration(value: unknown): string {
  let nanos: bigint;
  try {
    if (typeof value === 'string' && /^-?\d+$/.test(value)) nanos = BigInt(value);
    else if (typeof value === 'number' && Number.isFinite(value)) nanos = BigInt(Math.round(value));
    else return typeof value === 'string' ? value : JSON.stringify(value);
  } catch {
    return String(value);
  }
  const sign = nanos < 0n ? '-' : '';
  const abs = nanos < 0n ? -nanos : nanos;
  if (abs === 0n) return '0 ns';
  if (abs < 60_000_000_000n) {
    const [unit, size] = DURATION_UNITS.find(([, s]) => abs >= s)!;
    const whole = abs / size;
    const fraction = Number(abs % size) / Number(size);
    const text = (Number(whole) + fraction).toFixed(3).replace(/\.?0+$/, '');
    return `${sign}${text} ${unit}`;
  }
  const i = DURATION_UNITS.findIndex(([, size]) => abs >= size);
  const [unit, size] = DURATION_UNITS[i]!;
  const [nextUnit, nextSize] = DURATION_UNITS[i + 1]!;
  const parts = [`${abs / size} ${unit}`];
  const next = (abs % size) / nextSize;
  if (next > 0n) parts.push(`${next} ${nextUnit}`);
  return sign + parts.join(' ');
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/;
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? '';
  let format = zoneFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    zoneFormats.set(key, format);
  }
  return format;
}

/**
 * A timestamp in the chosen zone, keeping every fraction digit that was sent:
 * "2024-01-01 13:00:00.123456789 GMT+1". In 'utc' mode, or for text that is not RFC 3339,
 * the wire text as-is.
 */
export function formatTimestamp(value: unknown, options: ValueFormatOptions): string {
  if (typeof value !== 'string') return JSON.stringify(value);
  if (options.zone === 'utc') return value;
  const m = RFC3339.exec(value);
  if (!m) return value;
  const date = new Date(`${m[1]}T${m[2]}${m[4]}`);
  if (Number.isNaN(date.getTime())) return value;
  const parts = Object.fromEntries(
    zoneFormat(options.timeZone)
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const fraction = m[3] ? `.${m[3]}` : '';
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}${fraction} ${parts.timeZoneName}`;
}
