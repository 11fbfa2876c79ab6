/**
 * Pattern functions: matchesPattern, replacePattern, splitByPattern, parse, parseAll (the DPL
 * subset of the `parse` command, commands/dpl-pattern.ts) and the deprecated matchesRegex.
 * Chosen where Grail's documentation is silent (⚠):
 *   - matchesPattern and matchesRegex demand a match of the whole string (the catalogue says so
 *     for matchesRegex); parse() matches from the start of the text, as the `parse` command does;
 *     parseAll() collects every non-overlapping match anywhere in the text.
 *   - parse() gives the single exported value when the pattern exports one field, a record when
 *     it exports several, and null when it exports none or does not match.
 *   - A pattern the subset cannot compile, or an invalid regular expression, gives null (functions
 *     cannot report at run time; the `parse` command reports the same patterns at their place).
 */
import { recordValue } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { compileDpl, exportedValue } from '../commands/dpl-pattern';
import type { CompiledDpl } from '../commands/dpl-pattern';
import { scalarFunctions, str } from './function-types';
import type { EvalEnv } from './function-types';
import { RE2JS } from 're2js';

interface Patterns {
  readonly dpl: CompiledDpl;
  /** The pattern anywhere in the text, every match (for replace, split and parseAll). */
  readonly global: RegExp;
  /** The pattern over the whole text. */
  readonly whole: RegExp;
}

/** Patterns are literals in practice: a few distinct ones per query, compiled once each. */
const CACHE_LIMIT = 256;
const dplCache = new Map<string, Patterns | null>();
const regexCache = new Map<string, RE2JS | null>();

function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  if (cache.size >= CACHE_LIMIT) cache.clear();
  const v = make();
  cache.set(key, v);
  return v;
}

function dplPatterns(text: string): Patterns | null {
  return remember(dplCache, text, () => {
    const outcome = compileDpl(text);
    if (!outcome.ok) return null;
    const source = outcome.pattern.regex.source.replace(/^\^/, '');
    return {
      dpl: outcome.pattern,
      global: new RegExp(source, 'gu'),
      whole: new RegExp(`^(?:${source})$`, 'u'),
    };
  });
}

/**
 * The query's own regular expression runs on RE2 (re2js: linear-time matching, no backtracking),
 * not on JS RegExp: a pattern like `(a+)+b` must not stall the sandbox's only thread. RE2 lacks
 * backreferences and lookaround; such patterns do not compile and give null.
 */
function wholeRegex(text: string): RE2JS | null {
  return remember(regexCache, text, () => {
    try {
      return RE2JS.compile(text);
    } catch {
      return null;
    }
  });
}

/** Every match of a global regex; an empty match moves on one character so the loop ends. */
function allMatches(re: RegExp, s: string): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(m);
    if (m[0] === '') re.lastIndex++;
  }
  return out;
}

/** The exported value (one export) or record (several) of a match. */
function extracted(dpl: CompiledDpl, m: RegExpExecArray, env: EvalEnv): Value {
  const values = dpl.exports.map((x) => [x.name, exportedValue(m.groups?.[x.group], x, env)] as const);
  if (values.length === 0) return null;
  if (values.length === 1) return values[0]?.[1] ?? null;
  return recordValue(new Map(values));
}

export const PATTERN_FUNCTIONS = scalarFunctions({
  matchesPattern: (a) => {
    const s = str(a[0]);
    const p = str(a[1]);
    const patterns = p === undefined ? null : dplPatterns(p);
    return s === undefined || !patterns ? null : patterns.whole.test(s);
  },
  replacePattern: (a) => {
    const s = str(a[0]);
    const p = str(a[1]);
    const r = str(a[2]);
    const patterns = p === undefined ? null : dplPatterns(p);
    if (s === undefined || r === undefined || !patterns) return null;
    let out = '';
    let at = 0;
    for (const m of allMatches(patterns.global, s)) {
      out += s.slice(at, m.index) + r;
      at = m.index + m[0].length;
    }
    return out + s.slice(at);
  },
  splitByPattern: (a) => {
    const s = str(a[0]);
    const p = str(a[1]);
    const patterns = p === undefined ? null : dplPatterns(p);
    if (s === undefined || !patterns) return null;
    // The empty string splits into no parts: `[]` in the docs (docs.dynatrace.com, splitByPattern).
    if (s === '') return [];
    const parts: string[] = [];
    let at = 0;
    for (const m of allMatches(patterns.global, s)) {
      if (m[0] === '') continue;
      parts.push(s.slice(at, m.index));
      at = m.index + m[0].length;
    }
    parts.push(s.slice(at));
    return parts;
  },
  parse: (a, env) => {
    const s = str(a[0]);
    const p = str(a[1]);
    const patterns = p === undefined ? null : dplPatterns(p);
    if (s === undefined || !patterns) return null;
    const m = patterns.dpl.regex.exec(s);
    return m ? extracted(patterns.dpl, m, env) : null;
  },
  parseAll: (a, env) => {
    const s = str(a[0]);
    const p = str(a[1]);
    const patterns = p === undefined ? null : dplPatterns(p);
    if (s === undefined || !patterns) return null;
    const dpl = patterns.dpl;
    return allMatches(patterns.global, s)
      .filter((m) => m[0] !== '')
      .map((m) => extracted(dpl, m, env));
  },
  matchesRegex: (a) => {
    const s = str(a[0]);
    const p = str(a[1]);
    const re = p === undefined ? null : wholeRegex(p);
    return s === undefined || !re ? null : re.matches(s);
  },
});
