/**
 * DPL time matchers (docs.dynatrace.com, DPL Time and Date): `TIMESTAMP` / `TIME` with a Java
 * DateTimeFormatter pattern (default `yyyy-MM-dd HH:mm:ss`, the optional `timezone=` an IANA
 * name, else the request's timezone), and the fixed ISO8601, HTTPDATE and JSONTIMESTAMP forms.
 * Each compiles to a RegExp source without capturing groups and a converter of the matched text.
 * Pattern letters: y u (year; `yy` = 2000–2099), M L (month: digits, `MMM` Jan, `MMMM` January),
 * d, H k h K, m, s, S… (fraction), a (AM/PM), E (day name, checked for shape only), Z X x (offset),
 * z (zone abbreviation or offset), 'quoted' text. A field the pattern lacks defaults to the
 * current year, January, the 1st, midnight. ⚠ English names only; other letters are unsupported.
 */
import { civilFromDays, daysFromCivil, floorDiv } from '../../../grail/timestamp';
import type { Timezone } from '../../../grail/timestamp';
import { timestampValue } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { toLocal, toUtc } from '../align';
import { DAY_NAMES, MONTH_NAMES } from '../calendar-names';
import { escapeRegExp } from '../search';

export interface DplTimeMatcher {
  readonly source: string;
  /** The instant the matched text stands for (null when a field is out of range). */
  toValue(text: string, zone: Timezone, nowNs: bigint): Value;
}

/** Common zone abbreviations (Intl resolves few of them), in minutes east of UTC. */
const ZONE_ABBREVIATIONS: Readonly<Record<string, number>> = {
  UTC: 0,
  GMT: 0,
  UT: 0,
  Z: 0,
  WET: 0,
  WEST: 60,
  CET: 60,
  CEST: 120,
  EET: 120,
  EEST: 180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};
const OFFSET = /^([+-])(\d{2}):?(\d{2})?$/;

type Setter = (text: string, t: Parts) => boolean;

interface Parts {
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  pm?: boolean;
  twelveHour?: boolean;
  minute?: number;
  second?: number;
  nanos?: number;
  offsetMinutes?: number;
}

interface Field {
  readonly source: string;
  readonly set?: Setter;
}

const number =
  (key: 'day' | 'hour' | 'minute' | 'second' | 'month', max: number, min = 0): Setter =>
  (text, t) => {
    const n = Number(text);
    t[key] = key === 'hour' && n === 24 ? 0 : n; // `k` counts 1–24
    return n >= min && n <= max;
  };

const digits = (count: number, width = 2): string => (count === 1 ? `\\d{1,${width}}` : `\\d{${count}}`);
const names = (list: readonly string[], count: number): string =>
  list.map((n) => (count >= 4 ? n : n.slice(0, 3))).join('|');

function offsetOf(text: string): number | undefined {
  if (text === 'Z') return 0;
  const abbreviated = ZONE_ABBREVIATIONS[text.toUpperCase()];
  if (abbreviated !== undefined) return abbreviated;
  const m = OFFSET.exec(text);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? '0')) : undefined;
}

const setOffset: Setter = (text, t) => {
  t.offsetMinutes = offsetOf(text);
  return t.offsetMinutes !== undefined;
};

/** One run of a pattern letter; undefined for letters the subset lacks. */
function field(letter: string, count: number): Field | undefined {
  switch (letter) {
    case 'y':
    case 'u':
      if (count === 2) return { source: '\\d{2}', set: (s, t) => ((t.year = 2000 + Number(s)), true) };
      return {
        source: count === 1 ? '\\d{1,9}' : `\\d{${count}}`,
        set: (s, t) => ((t.year = Number(s)), true),
      };
    case 'M':
    case 'L':
      if (count <= 2) return { source: digits(count), set: number('month', 12, 1) };
      return {
        source: `(?:${names(MONTH_NAMES, count)})`,
        set: (s, t) => ((t.month = MONTH_NAMES.findIndex((m) => m.startsWith(s)) + 1), true),
      };
    case 'd':
      return { source: digits(count), set: number('day', 31, 1) };
    case 'H':
      return { source: digits(count), set: number('hour', 23) };
    case 'k':
      return { source: digits(count), set: number('hour', 24, 1) };
    case 'h':
    case 'K':
      return {
        source: digits(count),
        set: (s, t) => (
          (t.twelveHour = true),
          number('hour', letter === 'h' ? 12 : 11, letter === 'h' ? 1 : 0)(s, t)
        ),
      };
    case 'm':
      return { source: digits(count), set: number('minute', 59) };
    case 's':
      return { source: digits(count), set: number('second', 59) };
    case 'S':
      return {
        source: `\\d{${count}}`,
        set: (s, t) => ((t.nanos = Number(s.padEnd(9, '0').slice(0, 9))), true),
      };
    case 'a':
      return { source: '(?:AM|PM|am|pm)', set: (s, t) => ((t.pm = s.toUpperCase() === 'PM'), true) };
    case 'E':
      return { source: `(?:${names(DAY_NAMES, count)})` };
    case 'Z':
      return { source: count === 5 ? '(?:Z|[+-]\\d{2}:\\d{2})' : '[+-]\\d{4}', set: setOffset };
    case 'X':
    case 'x': {
      const body = count === 1 ? '[+-]\\d{2}(?:\\d{2})?' : count === 2 ? '[+-]\\d{4}' : '[+-]\\d{2}:\\d{2}';
      return { source: letter === 'X' ? `(?:Z|${body})` : body, set: setOffset };
    }
    case 'z':
      return { source: '(?:[+-]\\d{2}:?\\d{2}|[A-Za-z]{1,5})', set: setOffset };
    default:
      return undefined;
  }
}

/** A Java date pattern compiled, or the reason it cannot be. */
export function compileTimePattern(pattern: string): DplTimeMatcher | string {
  const fields: Field[] = [];
  for (let i = 0; i < pattern.length;) {
    const ch = pattern[i] as string;
    if (ch === "'") {
      let literal = '';
      let j = i + 1;
      for (; j < pattern.length; j++) {
        if (pattern[j] !== "'") literal += pattern[j];
        else if (pattern[j + 1] === "'") literal += pattern[++j];
        else break;
      }
      if (j >= pattern.length) return 'an unterminated quote in the date pattern';
      fields.push({ source: escapeRegExp(literal === '' ? "'" : literal) });
      i = j + 1;
    } else if (/[A-Za-z]/.test(ch)) {
      let j = i;
      while (pattern[j] === ch) j++;
      const f = field(ch, j - i);
      if (!f) return `the date pattern letter \`${ch}\``;
      fields.push(f);
      i = j;
    } else {
      fields.push({ source: escapeRegExp(ch) });
      i++;
    }
  }
  const regex = new RegExp(`^${fields.map((f) => (f.set ? `(${f.source})` : f.source)).join('')}$`, 'u');
  const setters = fields.flatMap((f) => (f.set ? [f.set] : []));
  return {
    source: fields.map((f) => f.source).join(''),
    toValue(text, zone, nowNs) {
      const m = regex.exec(text);
      if (!m) return null;
      const t: Parts = {};
      if (!setters.every((set, n) => set(m[n + 1] as string, t))) return null;
      return instant(t, zone, nowNs);
    },
  };
}

const NS_PER_DAY = 86_400_000_000_000n;

function instant(t: Parts, zone: Timezone, nowNs: bigint): Value {
  const year = t.year ?? civilFromDays(Number(floorDiv(toLocal(nowNs, zone), NS_PER_DAY))).year;
  const month = t.month ?? 1;
  const day = t.day ?? 1;
  if (civilFromDays(daysFromCivil(year, month, day)).day !== day) return null; // 31 April
  let hour = t.hour ?? 0;
  if (t.twelveHour || t.pm !== undefined) hour = (hour % 12) + (t.pm ? 12 : 0);
  const seconds = ((hour * 60 + (t.minute ?? 0)) * 60 + (t.second ?? 0)) * 1e9;
  const local = BigInt(daysFromCivil(year, month, day)) * NS_PER_DAY + BigInt(seconds) + BigInt(t.nanos ?? 0);
  if (t.offsetMinutes !== undefined) return timestampValue(local - BigInt(t.offsetMinutes) * 60_000_000_000n);
  return timestampValue(toUtc(local, zone));
}

/** The fixed-format time matchers, by name. */
export const FIXED_TIME_PATTERNS: Readonly<Record<string, string>> = {
  ISO8601: "yyyy-MM-dd'T'HH:mm:ssXXX",
  HTTPDATE: 'dd/MMM/yyyy:HH:mm:ss Z',
  JSONTIMESTAMP: "yyyy-MM-dd'T'HH:mm:ss.SSSz",
};

export const DEFAULT_TIME_FORMAT = 'yyyy-MM-dd HH:mm:ss';
