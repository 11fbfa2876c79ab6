/**
 * Time functions: now(), the get* calendar parts (in `timezone:`, default UTC), Unix conversions
 * and formatTimestamp() with the common Java DateTimeFormatter letters.
 */
import {
  NS_PER_MILLI,
  NS_PER_SECOND,
  UTC,
  civilFromDays,
  daysFromCivil,
  floorDiv,
  resolveTimezone,
} from '../../../grail/timestamp';
import type { Timezone } from '../../../grail/timestamp';
import { isDuration, isTimestamp, timestampValue } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { DAY_NAMES, MONTH_NAMES } from '../calendar-names';
import { arg, long, roundedBigInt, scalarFunctions, str } from './function-types';
import type { Args, EvalEnv } from './function-types';

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  /** ISO: Monday = 1 … Sunday = 7. */
  dayOfWeek: number;
  dayOfYear: number;
  offsetMinutes: number;
  /** The zone as asked for ("Z" for the default), written by the `VV` pattern. */
  zoneId: string;
}

function civil(ns: bigint, zone: Timezone): Civil {
  const seconds = floorDiv(ns, NS_PER_SECOND);
  const nanos = Number(ns - seconds * NS_PER_SECOND);
  const offsetMinutes = zone.offsetMinutesAt(Number(seconds) * 1000);
  const local = Number(seconds) + offsetMinutes * 60;
  const days = Math.floor(local / 86400);
  const secOfDay = local - days * 86400;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    nanos,
    dayOfWeek: ((((days + 3) % 7) + 7) % 7) + 1, // 1970-01-01 was a Thursday
    dayOfYear: days - daysFromCivil(year, 1, 1) + 1,
    offsetMinutes,
    zoneId: zone.id,
  };
}

/** ISO 8601 week (weeks start on Monday; week 1 holds the year's first Thursday) and its year. */
function isoWeekDate(c: Civil): { week: number; year: number } {
  const thursday = daysFromCivil(c.year, c.month, c.day) - c.dayOfWeek + 4;
  const { year } = civilFromDays(thursday);
  return { week: Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1, year };
}

const isoWeek = (c: Civil): number => isoWeekDate(c).week;

/** The timestamp in slot 0 and the zone in `slot` (default UTC); undefined when not applicable. */
function parts(a: Args, zoneSlot = 1): Civil | undefined {
  const ts = arg(a, 0);
  const tz = arg(a, zoneSlot, 'Z');
  if (!isTimestamp(ts) || typeof tz !== 'string') return undefined;
  const zone = resolveTimezone(tz);
  return zone ? civil(ts.ns, zone) : undefined;
}

function getter(pick: (c: Civil) => number) {
  return (a: Args): Value => {
    const c = parts(a);
    return c ? BigInt(pick(c)) : null;
  };
}

function fromUnix(unitNs: bigint) {
  return (a: Args): Value => {
    const v = arg(a, 0);
    if (typeof v === 'bigint') return timestampValue(v * unitNs);
    const ns = typeof v === 'number' ? roundedBigInt(v * Number(unitNs)) : undefined;
    return ns === undefined ? null : timestampValue(ns);
  };
}

function toUnix(unitNs: bigint) {
  return (a: Args): Value => {
    const v = arg(a, 0);
    return isTimestamp(v) ? floorDiv(v.ns, unitNs) : null;
  };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** One run of a pattern letter, as Java's DateTimeFormatter reads it (⚠ common letters only). */
function field(letter: string, count: number, c: Civil): string | undefined {
  switch (letter) {
    case 'y':
    case 'u':
      return count === 2 ? pad(c.year % 100, 2) : pad(c.year, count);
    case 'Y': {
      // Week-based year and week of it (⚠ ISO weeks, as getWeekOfYear; Java's depend on the locale).
      const { year } = isoWeekDate(c);
      return count === 2 ? pad(year % 100, 2) : pad(year, count);
    }
    case 'w':
      return pad(isoWeek(c), count);
    case 'M':
      if (count >= 4) return MONTH_NAMES[c.month - 1];
      if (count === 3) return MONTH_NAMES[c.month - 1]?.slice(0, 3);
      return pad(c.month, count);
    case 'd':
      return pad(c.day, count);
    case 'D':
      return pad(c.dayOfYear, count);
    case 'H':
      return pad(c.hour, count);
    case 'h':
      return pad(c.hour % 12 === 0 ? 12 : c.hour % 12, count);
    case 'k':
      return pad(c.hour === 0 ? 24 : c.hour, count);
    case 'K':
      return pad(c.hour % 12, count);
    case 'm':
      return pad(c.minute, count);
    case 's':
      return pad(c.second, count);
    case 'S':
      return pad(c.nanos, 9).slice(0, Math.min(count, 9)).padEnd(count, '0');
    case 'a':
      return c.hour < 12 ? 'AM' : 'PM';
    case 'E':
      return count >= 4 ? DAY_NAMES[c.dayOfWeek - 1] : DAY_NAMES[c.dayOfWeek - 1]?.slice(0, 3);
    case 'X':
    case 'x':
    case 'Z': {
      const o = c.offsetMinutes;
      if (o === 0 && letter === 'X') return 'Z';
      const sign = o < 0 ? '-' : '+';
      const hh = pad(Math.floor(Math.abs(o) / 60), 2);
      const mm = pad(Math.abs(o) % 60, 2);
      // Java: Z (up to three letters) is +HHMM even at zero; one x or X drops zero minutes.
      if (letter === 'Z') return `${sign}${hh}${mm}`;
      return count === 1
        ? `${sign}${hh}${mm === '00' ? '' : mm}`
        : count === 2
          ? `${sign}${hh}${mm}`
          : `${sign}${hh}:${mm}`;
    }
    case 'V':
      // Java: VV is the zone ID ("HH:mm, VV" with timezone:"US/Eastern" gives "09:30, US/Eastern" in
      // the formatTimestamp example of docs.dynatrace.com); any other count is an error there.
      return count === 2 ? c.zoneId : undefined;
    default:
      return undefined;
  }
}

function formatPattern(c: Civil, pattern: string): string | undefined {
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      // Quoted text; '' is a single quote, inside quotes as well as outside.
      if (pattern[i + 1] === "'") {
        out += "'";
        i += 2;
        continue;
      }
      let j = i + 1;
      for (;;) {
        const end = pattern.indexOf("'", j);
        if (end < 0) return undefined;
        out += pattern.slice(j, end);
        if (pattern[end + 1] !== "'") {
          i = end + 1;
          break;
        }
        out += "'";
        j = end + 2;
      }
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      const f = field(ch, j - i, c);
      if (f === undefined) return undefined;
      out += f;
      i = j;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * formatTimestamp(timestamp, interval:, format:, timezone:): `interval` aligns the timestamp down.
 * Without `timezone:` it formats in the request's timezone (UTC by default): the example of
 * docs.dynatrace.com (time functions) formats 13:30Z as hour `15` and `VV` as `Europe/Berlin`,
 * the reader's zone, while getHour() of the same timestamp is 13 (get* use UTC).
 */
function formatTimestamp(a: Args, env: EvalEnv): Value {
  const ts = arg(a, 0);
  const interval = arg(a, 1);
  if (!isTimestamp(ts)) return null;
  let ns = ts.ns;
  if (interval !== null) {
    // ⚠ aligned on the Unix epoch, as bin() does.
    if (!isDuration(interval) || interval.ns <= 0n) return null;
    ns = floorDiv(ns, interval.ns) * interval.ns;
  }
  const tz = a[3];
  const zone =
    tz === undefined ? (env.timezone ?? UTC) : typeof tz === 'string' ? resolveTimezone(tz) : undefined;
  const c = zone ? civil(ns, zone) : undefined;
  const format = str(arg(a, 2, "yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSS"));
  if (!c || format === undefined) return null;
  return formatPattern(c, format) ?? null;
}

/** timestamp(year, month, day, hour, minute, second, millis:, micros:, nanos:, timezone:) */
function timestamp(a: Args): Value {
  const ns: bigint[] = [];
  for (let i = 0; i < 9; i++) {
    const v = long(arg(a, i, 0n));
    if (v === undefined) return null;
    ns.push(v);
  }
  const [y, mo, d, h, mi, s, ms, us, n] = ns.map(Number) as number[];
  const zone = resolveTimezone(str(arg(a, 9, 'Z')));
  if (!zone || mo! < 1 || mo! > 12 || d! < 1 || d! > 31) return null;
  const localSeconds = daysFromCivil(y!, mo!, d!) * 86400 + h! * 3600 + mi! * 60 + s!;
  const offset =
    zone === UTC
      ? 0
      : zone.offsetMinutesAt((localSeconds - zone.offsetMinutesAt(localSeconds * 1000) * 60) * 1000);
  return timestampValue(
    BigInt(localSeconds - offset * 60) * NS_PER_SECOND +
      BigInt(ms!) * NS_PER_MILLI +
      BigInt(us!) * 1000n +
      BigInt(n!),
  );
}

export const TIME_FUNCTIONS = scalarFunctions({
  now: (_a, env) => timestampValue(env.nowNs),
  getYear: getter((c) => c.year),
  getMonth: getter((c) => c.month),
  getDayOfMonth: getter((c) => c.day),
  getDayOfWeek: getter((c) => c.dayOfWeek),
  getDayOfYear: getter((c) => c.dayOfYear),
  getWeekOfYear: getter(isoWeek),
  getHour: getter((c) => c.hour),
  getMinute: getter((c) => c.minute),
  getSecond: getter((c) => c.second),
  unixSecondsFromTimestamp: toUnix(NS_PER_SECOND),
  unixMillisFromTimestamp: toUnix(NS_PER_MILLI),
  unixNanosFromTimestamp: toUnix(1n),
  timestampFromUnixSeconds: fromUnix(NS_PER_SECOND),
  timestampFromUnixMillis: fromUnix(NS_PER_MILLI),
  timestampFromUnixNanos: fromUnix(1n),
  formatTimestamp,
  timestamp,
});
