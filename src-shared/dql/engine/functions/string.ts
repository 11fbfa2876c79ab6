/**
 * String functions (catalogue category "string"). Indexes are UTF-16 code units, as the catalogue
 * says; a non-string argument where a string is expected gives null.
 */
import type { Value } from '../../../grail/values';
import { escapeRegExp, matchesPhrase, matchesValuePattern } from '../search';
import { valueToText } from '../text';
import { arg, bool, long, scalarFunctions, str } from './function-types';
import type { Args } from './function-types';

const LONG_MAX = 2n ** 63n - 1n;

/** Clamps a possibly negative (from-the-end) index into [0, length]. */
function clampIndex(i: bigint, length: number): number {
  const n = i < 0n ? BigInt(length) + i : i;
  return n < 0n ? 0 : n > BigInt(length) ? length : Number(n);
}

function caseFold(s: string, caseSensitive: boolean): string {
  return caseSensitive ? s : s.toLowerCase();
}

/** `f(expression, other [, caseSensitive])` string predicates. */
function predicate(test: (s: string, t: string) => boolean) {
  return (a: Args): Value => {
    const s = str(a[0]);
    const t = str(a[1]);
    const cs = arg(a, 2, true);
    if (s === undefined || t === undefined || typeof cs !== 'boolean') return null;
    return test(caseFold(s, cs), caseFold(t, cs));
  };
}

/** Java's String.trim: strips code units ≤ U+0020 at both ends. */
function trimJava(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) <= 0x20) end--;
  return s.slice(start, end);
}

function like(s: string, pattern: string): boolean {
  let re = '^';
  for (const c of pattern) {
    if (c === '%') re += '[\\s\\S]*';
    else if (c === '_') re += '[\\s\\S]';
    else re += escapeRegExp(c);
  }
  return new RegExp(re + '$', 'u').test(s);
}

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

export const STRING_FUNCTIONS = scalarFunctions({
  contains: predicate((s, t) => s.includes(t)),
  startsWith: predicate((s, t) => s.startsWith(t)),
  endsWith: predicate((s, t) => s.endsWith(t)),
  lower: (a) => {
    const s = str(a[0]);
    return s === undefined ? null : s.toLowerCase();
  },
  upper: (a) => {
    const s = str(a[0]);
    return s === undefined ? null : s.toUpperCase();
  },
  trim: (a) => {
    const s = str(a[0]);
    return s === undefined ? null : trimJava(s);
  },
  stringLength: (a) => {
    const s = str(a[0]);
    return s === undefined ? null : BigInt(s.length);
  },
  // ⚠ Nulls are skipped (Grail's handling of null parts is undocumented); other types as toString.
  concat: (a) => {
    const delimiter = arg(a, 0, '');
    if (typeof delimiter !== 'string') return null;
    const parts = a.slice(1).filter((v): v is Exclude<Value, null> => v !== undefined && v !== null);
    return parts.map(valueToText).join(delimiter);
  },
  substring: (a) => {
    const s = str(a[0]);
    const from = long(arg(a, 1, 0n));
    const to = long(arg(a, 2, LONG_MAX));
    if (s === undefined || from === undefined || to === undefined) return null;
    const start = clampIndex(from, s.length);
    const end = clampIndex(to, s.length);
    return end > start ? s.slice(start, end) : '';
  },
  indexOf: (a) => {
    const s = str(a[0]);
    const t = str(a[1]);
    const from = long(arg(a, 2, 0n));
    if (s === undefined || t === undefined || from === undefined) return null;
    return BigInt(s.indexOf(t, clampIndex(from, s.length)));
  },
  lastIndexOf: (a) => {
    const s = str(a[0]);
    const t = str(a[1]);
    const from = long(arg(a, 2, LONG_MAX));
    if (s === undefined || t === undefined || from === undefined) return null;
    return BigInt(s.lastIndexOf(t, clampIndex(from, s.length)));
  },
  replaceString: (a) => {
    const s = str(a[0]);
    const t = str(a[1]);
    const r = str(a[2]);
    if (s === undefined || t === undefined || r === undefined) return null;
    return s.split(t).join(r);
  },
  splitString: (a) => {
    const s = str(a[0]);
    const p = str(a[1]);
    if (s === undefined || p === undefined) return null;
    return s.split(p);
  },
  getCharacter: (a) => {
    const s = str(a[0]);
    const i = long(a[1]);
    if (s === undefined || i === undefined) return null;
    const n = i < 0n ? BigInt(s.length) + i : i;
    return n >= 0n && n < BigInt(s.length) ? (s[Number(n)] ?? null) : null;
  },
  like: (a) => {
    const s = str(a[0]);
    const p = str(a[1]);
    return s === undefined || p === undefined ? null : like(s, p);
  },
  levenshteinDistance: (a) => {
    const s = str(a[0]);
    const t = str(a[1]);
    return s === undefined || t === undefined ? null : BigInt(levenshtein(s, t));
  },
  matchesPhrase: (a) => {
    const phrase = str(a[1]);
    const cs = bool(arg(a, 2, false));
    const wildcard = str(arg(a, 3, '*'));
    const v = arg(a, 0);
    if (v === null || phrase === undefined || cs === undefined || wildcard === undefined) return null;
    const test = (x: Value): boolean => typeof x === 'string' && matchesPhrase(x, phrase, cs, wildcard, true);
    return Array.isArray(v) ? v.some(test) : typeof v === 'string' ? test(v) : null;
  },
  matchesValue: (a) => {
    const cs = bool(arg(a, 0, false));
    const wildcard = str(arg(a, 1, '*'));
    const v = arg(a, 2);
    // An array (or `{…}` list) of patterns counts by its elements; non-strings are ignored
    // (docs.dynatrace.com, string functions: matchesValue(content, array("Grail", "dql"))).
    const patterns = a
      .slice(3)
      .flatMap((x) => (Array.isArray(x) ? (x as readonly Value[]) : [x ?? null]))
      .filter((x): x is string => typeof x === 'string');
    if (v === null || cs === undefined || wildcard === undefined) return null;
    const test = (x: Value): boolean =>
      typeof x === 'string' && patterns.some((p) => matchesValuePattern(x, p, cs, wildcard));
    return Array.isArray(v) ? v.some(test) : test(v);
  },
});
