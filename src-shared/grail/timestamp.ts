/**
 * Nanosecond timestamps: parsing (RFC 3339, Unix epoch numbers with OpenPipeline's magnitude rule)
 * and formatting as Grail does on the wire (RFC 3339, exactly 9 fractional digits, in the query's
 * timezone). All arithmetic is on bigint so nanoseconds are never rounded through a double.
 * Calendar math is done here (proleptic Gregorian, any year); Intl is only asked for UTC offsets.
 */

export const NS_PER_SECOND = 1_000_000_000n;
export const NS_PER_MILLI = 1_000_000n;
export const NS_PER_MICRO = 1_000n;

// ---------------------------------------------------------------------------------------------
// Calendar helpers (Howard Hinnant's days_from_civil / civil_from_days)

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return [31, isLeapYear(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
}

/** Floor division for bigint (BigInt `/` truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}

// ---------------------------------------------------------------------------------------------
// Parsing

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * RFC 3339 date-time → ns since epoch, or undefined when malformed.
 * ⚠ Lenient where Grail's exact behaviour is unknown: a missing offset means UTC, `+hhmm` is
 * accepted, digits beyond nanoseconds are truncated.
 */
export function parseRfc3339(text: string): bigint | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, ys, mos, ds, hs, mis, ss, frac, z, sign, oh, om] = m;
  const year = Number(ys);
  const month = Number(mos);
  const day = Number(ds);
  const hour = Number(hs);
  const minute = Number(mis);
  const second = Number(ss);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  let offsetMinutes = 0;
  if (!z && sign) {
    const h = Number(oh);
    const mm = Number(om);
    if (h > 23 || mm > 59) return undefined;
    offsetMinutes = (sign === '-' ? -1 : 1) * (h * 60 + mm);
  }
  const seconds =
    BigInt(daysFromCivil(year, month, day)) * 86400n +
    BigInt(hour * 3600 + minute * 60 + second - offsetMinutes * 60);
  const fracNs = frac ? BigInt((frac + '000000000').slice(0, 9)) : 0n;
  return seconds * NS_PER_SECOND + fracNs;
}

/** A JSON number lexeme split into an exact decimal: value = mantissa × 10^exponent. */
interface ExactDecimal {
  mantissa: bigint;
  exponent: number;
}

const NUMBER_LEXEME = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

function toExactDecimal(lexeme: string): ExactDecimal | undefined {
  const m = NUMBER_LEXEME.exec(lexeme);
  if (!m) return undefined;
  const [, sign, int = '', frac = '', exp = '0'] = m;
  // Guard BigInt cost on absurd lexemes: 100 significant digits is far beyond int64 nanoseconds.
  if (int.length + frac.length > 100 || exp.length > 10) return undefined;
  const exponent = Number(exp) - frac.length;
  if (!Number.isSafeInteger(exponent)) return undefined;
  const mantissa = BigInt(int + frac) * (sign === '-' ? -1n : 1n);
  return { mantissa, exponent };
}

/** Sign-aware comparison of mantissa×10^exponent with 10^k (both sides as exact integers). */
function lessOrEqualPow10(d: ExactDecimal, k: number): boolean {
  if (d.mantissa <= 0n) return true;
  if (d.exponent < -200) return true; // ≤ 100 digits × 10^-200 < 1
  if (d.exponent >= 0)
    return d.exponent > k ? false : d.mantissa * 10n ** BigInt(d.exponent) <= 10n ** BigInt(k);
  return d.mantissa <= 10n ** BigInt(k - d.exponent);
}

/** Beyond this many decimal digits a value is far outside the int64 ns range anyway. */
const MAX_SCALE_DIGITS = 40;

function scaleToNs(d: ExactDecimal, unitExponent: number): bigint {
  const e = d.exponent + unitExponent;
  if (d.mantissa === 0n) return 0n;
  const magnitude = (d.mantissa < 0n ? -d.mantissa : d.mantissa).toString().length + e;
  if (magnitude > MAX_SCALE_DIGITS) return d.mantissa > 0n ? 10n ** 40n : -(10n ** 40n);
  if (magnitude < 0) return 0n;
  return e >= 0 ? d.mantissa * 10n ** BigInt(e) : d.mantissa / 10n ** BigInt(-e);
}

/**
 * OpenPipeline's epoch magnitude rule: ≤ 1e11 → seconds, ≤ 1e14 → milliseconds, else
 * microseconds. Takes the JSON lexeme so fractions and huge values stay exact. The result may lie
 * outside the int64 range; callers clamp or reject.
 */
export function epochLexemeToNs(lexeme: string): bigint | undefined {
  const d = toExactDecimal(lexeme.trim());
  if (!d) return undefined;
  if (lessOrEqualPow10(d, 11)) return scaleToNs(d, 9);
  if (lessOrEqualPow10(d, 14)) return scaleToNs(d, 6);
  return scaleToNs(d, 3);
}

/** A plain positive integer of up to 15 digits: exact as a double, so its magnitude is too. */
const SMALL_EPOCH_INTEGER = /^[1-9]\d{0,14}$/;

/**
 * `epochLexemeToNs` for the lexeme nearly every event has (integer epoch milliseconds), without
 * its exact-decimal BigInt arithmetic; undefined for every other lexeme.
 */
export function epochIntegerToNs(lexeme: string): bigint | undefined {
  if (!SMALL_EPOCH_INTEGER.test(lexeme)) return undefined;
  const n = Number(lexeme);
  const unit = n <= 1e11 ? NS_PER_SECOND : n <= 1e14 ? NS_PER_MILLI : NS_PER_MICRO;
  return BigInt(lexeme) * unit;
}

const EPOCH_STRING = /^-?\d+(?:\.\d+)?$/;

/** A timestamp given as a string: epoch digits (same magnitude rule) or RFC 3339. */
export function parseTimestampString(text: string): bigint | undefined {
  const t = text.trim();
  if (EPOCH_STRING.test(t)) return epochLexemeToNs(t);
  return parseRfc3339(t);
}

/**
 * A payload's timestamp string as OpenPipeline parses it at ingest (reference §3.5): Unix epoch
 * digits, RFC 3339, or an RFC 3164 (syslog) timestamp.
 */
export function parseIngestTimestampString(text: string, nowNs: bigint): bigint | undefined {
  return parseTimestampString(text) ?? parseRfc3164(text.trim(), nowNs);
}

const RFC3164 = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \d]\d) (\d{2}):(\d{2}):(\d{2})$/;
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/**
 * RFC 3164 `Mmm dd hh:mm:ss` (day space-padded: `Aug  7`) → ns since epoch.
 * ⚠ The format has neither year nor offset: UTC, in the ingest time's year — or the year before
 * when that would put it more than a day ahead (a December line read in January), as syslog
 * collectors do.
 */
export function parseRfc3164(text: string, nowNs: bigint): bigint | undefined {
  const m = RFC3164.exec(text);
  if (!m) return undefined;
  const [, mon = '', ds = '', hs, mis, ss] = m;
  const month = MONTHS.indexOf(mon) / 3 + 1;
  const day = Number(ds.trim());
  const hour = Number(hs);
  const minute = Number(mis);
  const second = Number(ss);
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const nowYear = new Date(Number(nowNs / 1_000_000n)).getUTCFullYear();
  const at = (year: number): bigint | undefined =>
    day < 1 || day > daysInMonth(year, month)
      ? undefined
      : (BigInt(daysFromCivil(year, month, day)) * 86400n + BigInt(hour * 3600 + minute * 60 + second)) *
        NS_PER_SECOND;
  const thisYear = at(nowYear);
  if (thisYear !== undefined && thisYear <= nowNs + 86400n * NS_PER_SECOND) return thisYear;
  return at(nowYear - 1);
}

// ---------------------------------------------------------------------------------------------
// Timezones and formatting

export interface Timezone {
  /** What the caller asked for (echoed as `metadata.grail.timezone`); "Z" for the default. */
  readonly id: string;
  /** Offset from UTC in minutes at the given instant (ms since epoch). */
  offsetMinutesAt(epochMs: number): number;
}

export const UTC: Timezone = { id: 'Z', offsetMinutesAt: () => 0 };

const FIXED_OFFSET = /^([+-])(\d{2})(?::?(\d{2}))?$/;
const MIN_DATE_MS = -62135596800000; // 0001-01-01T00:00:00Z
const MAX_DATE_MS = 253402300799000; // 9999-12-31T23:59:59Z
const zoneCache = new Map<string, Timezone>();

function intlZone(name: string): Timezone | undefined {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    return undefined;
  }
  return {
    id: name,
    offsetMinutesAt(epochMs: number): number {
      const ms = Math.min(Math.max(Math.floor(epochMs / 1000) * 1000, MIN_DATE_MS), MAX_DATE_MS);
      const parts: Record<string, string> = {};
      for (const p of fmt.formatToParts(new Date(ms))) parts[p.type] = p.value;
      let year = Number(parts.year);
      if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
      const local =
        daysFromCivil(year, Number(parts.month), Number(parts.day)) * 86400000 +
        (Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)) * 1000;
      return Math.round((local - ms) / 60000);
    },
  };
}

/**
 * Resolves a Query API `timezone` value: empty/undefined → UTC ("Z"); "Z"; fixed offsets such as
 * "+01:00"; anything Intl knows (IANA names like "Europe/Paris", abbreviations like "CET", "UTC").
 * Returns undefined for unknown zones.
 */
export function resolveTimezone(tz: string | undefined): Timezone | undefined {
  if (tz === undefined || tz === '' || tz === 'Z') return UTC;
  const cached = zoneCache.get(tz);
  if (cached) return cached;
  let zone: Timezone | undefined;
  const m = FIXED_OFFSET.exec(tz);
  if (m) {
    const minutes = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? '0'));
    if (Math.abs(minutes) <= 18 * 60 && Number(m[3] ?? '0') < 60)
      zone = { id: tz, offsetMinutesAt: () => minutes };
  } else {
    zone = intlZone(tz);
  }
  if (zone) zoneCache.set(tz, zone);
  return zone;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function formatYear(y: number): string {
  if (y < 0) return '-' + pad(-y, 6);
  if (y > 9999) return '+' + pad(y, 6);
  return pad(y, 4);
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/**
 * ns → RFC 3339 with exactly 9 fractional digits, rendered in `timezone` (an id or a resolved
 * zone; unknown ids fall back to UTC). A zero offset renders as `Z`, as Java's ISO formatter does.
 */
export function formatTimestamp(ns: bigint, timezone: Timezone | string = UTC): string {
  const zone = typeof timezone === 'string' ? (resolveTimezone(timezone) ?? UTC) : timezone;
  const seconds = floorDiv(ns, NS_PER_SECOND);
  const fraction = ns - seconds * NS_PER_SECOND;
  const offset = zone.offsetMinutesAt(Number(seconds) * 1000);
  const local = Number(seconds) + offset * 60;
  const days = Math.floor(local / 86400);
  const secOfDay = local - days * 86400;
  const { year, month, day } = civilFromDays(days);
  const hh = Math.floor(secOfDay / 3600);
  const mm = Math.floor((secOfDay % 3600) / 60);
  const ss = secOfDay % 60;
  return (
    `${formatYear(year)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hh, 2)}:${pad(mm, 2)}:${pad(ss, 2)}` +
    `.${fraction.toString().padStart(9, '0')}${formatOffset(offset)}`
  );
}
