/**
 * Token matching: the `~` search operator, matchesPhrase() and matchesValue() (reference §1.5,
 * string functions). A token is a maximal run of letters and digits; a phrase matches a contiguous
 * run of tokens. `*` as first/last character lets the first/last token match partially. In
 * matchesPhrase() the wildcard may also stand inside the phrase, for "any sequence of zero or
 * more characters in a token" (docs.dynatrace.com, DQL string functions: "D*L" matches
 * "DQL is awesome!" and "D*L", not "Dynatrace Query Language"); ⚠ the run it stands for may hold
 * punctuation but no white space (the documented "D*L" ~ "D*L" needs the first).
 * ⚠ Grail's tokenizer is undocumented; this one reproduces every documented example.
 */
import { isDuration, isRecord, isTimeframe, isTimestamp } from '../../grail/values';
import type { Value } from '../../grail/values';
import { valueToText } from './text';

const TOKEN = /[\p{L}\p{N}]+/gu;

/** Literal text inside a `u`-mode RegExp (only syntax characters may be escaped there). */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function tokens(s: string): string[] {
  return s.match(TOKEN) ?? [];
}

const WORD = /[\p{L}\p{N}]/u;
const NOT_WORD = '[^\\p{L}\\p{N}]';

/**
 * A phrase with a wildcard inside as a RegExp over the folded text: tokens literally, a wildcard
 * as a run without white space, punctuation between tokens as any non-empty non-word run (at the
 * ends of the phrase as an optional one); word boundaries unless the phrase ends in a wildcard.
 */
function innerWildcardRegExp(p: string, wildcard: string): RegExp {
  const pieces = p.split(wildcard);
  let body = '';
  pieces.forEach((piece, i) => {
    if (i > 0) body += '\\S*';
    for (const m of piece.matchAll(/[\p{L}\p{N}]+|[^\p{L}\p{N}]+/gu)) {
      const run = m[0];
      const outer =
        (i === 0 && m.index === 0) || (i === pieces.length - 1 && m.index + run.length === piece.length);
      body += WORD.test(run) ? escapeRegExp(run) : `${NOT_WORD}${outer ? '*' : '+'}`;
    }
  });
  const left = p.startsWith(wildcard) ? '' : `(?<![\\p{L}\\p{N}])`;
  const right = p.endsWith(wildcard) ? '' : `(?![\\p{L}\\p{N}])`;
  return new RegExp(`${left}${body}${right}`, 'u');
}

/**
 * Does `text` contain `phrase` as a run of whole tokens (partial at a `*` end)? `innerWildcards`:
 * whether a wildcard inside the phrase matches too (matchesPhrase(); not the `~` operator, whose
 * wildcard may only stand first or last).
 */
export function matchesPhrase(
  text: string,
  phrase: string,
  caseSensitive: boolean,
  wildcard = '*',
  innerWildcards = false,
): boolean {
  const fold = (s: string): string => (caseSensitive ? s : s.toLowerCase());
  let p = fold(phrase);
  const leading = wildcard !== '' && p.startsWith(wildcard);
  const trailing = wildcard !== '' && p.length > wildcard.length && p.endsWith(wildcard);
  if (leading) p = p.slice(wildcard.length);
  if (trailing) p = p.slice(0, -wildcard.length);
  if (innerWildcards && wildcard !== '' && p.includes(wildcard) && tokens(p).length > 0)
    return innerWildcardRegExp(fold(phrase), wildcard).test(fold(text));
  const want = tokens(p);
  const have = tokens(fold(text));
  if (want.length === 0) return p === '' ? leading || trailing : fold(text).includes(p);
  const last = want.length - 1;
  for (let start = 0; start + want.length <= have.length; start++) {
    const ok = want.every((w, i) => {
      const h = have[start + i] as string;
      if (i === 0 && leading && i === last && trailing) return h.includes(w);
      if (i === 0 && leading) return h.endsWith(w);
      if (i === last && trailing) return h.startsWith(w);
      return h === w;
    });
    if (ok) return true;
  }
  return false;
}

/**
 * matchesValue(): the whole value matches the pattern, `wildcard` standing for any run;
 * ⚠ only ASCII letters fold case (as the docs say).
 */
export function matchesValuePattern(
  text: string,
  pattern: string,
  caseSensitive: boolean,
  wildcard: string,
): boolean {
  const fold = (s: string): string => (caseSensitive ? s : s.replace(/[A-Z]/g, (c) => c.toLowerCase()));
  const parts = wildcard === '' ? [fold(pattern)] : fold(pattern).split(wildcard);
  const escaped = parts.map(escapeRegExp);
  return new RegExp(`^${escaped.join('[\\s\\S]*')}$`, 'u').test(fold(text));
}

/** `*` at either end of a search pattern over a number's text: prefix/suffix/substring match. */
function matchesWholeText(text: string, pattern: string): boolean {
  const t = text.toLowerCase();
  let p = pattern.toLowerCase();
  const leading = p.startsWith('*');
  const trailing = p.length > 1 && p.endsWith('*');
  if (leading) p = p.slice(1);
  if (trailing) p = p.slice(0, -1);
  if (leading && trailing) return t.includes(p);
  if (leading) return t.endsWith(p);
  if (trailing) return t.startsWith(p);
  return t === p;
}

/** `value ~ pattern`: case-insensitive; null when either side is null or the pattern no string. */
export function searchOperator(value: Value, pattern: Value): Value {
  if (value === null || typeof pattern !== 'string') return null;
  return searchAny(value, pattern, ANYWHERE);
}

/** What the `search` command looks at: field names, values or both; case-sensitively or not. */
export interface SearchOptions {
  readonly caseSensitive: boolean;
  readonly scope: 'all' | 'names' | 'values';
}

const ANYWHERE: SearchOptions = { caseSensitive: false, scope: 'all' };

/** `search "pattern"` over a whole record, with the command's caseSensitive:/scope:. */
export function searchRecord(record: Value, pattern: string, options: SearchOptions): boolean {
  return searchAny(record, pattern, options);
}

function searchAny(value: Value, pattern: string, o: SearchOptions): boolean {
  if (value === null || typeof value === 'boolean') return false;
  if (isRecord(value))
    return [...value.fields].some(
      ([k, v]) =>
        (o.scope !== 'values' && matchesPhrase(k, pattern, o.caseSensitive)) || searchAny(v, pattern, o),
    );
  if (Array.isArray(value)) return value.some((e: Value) => searchAny(e, pattern, o));
  if (o.scope === 'names') return false;
  if (typeof value === 'string') return matchesPhrase(value, pattern, o.caseSensitive);
  // Digits have no case: numbers match on their whole text either way.
  if (typeof value === 'number' || typeof value === 'bigint')
    return matchesWholeText(valueToText(value), pattern);
  if (isTimestamp(value) || isDuration(value) || isTimeframe(value)) return false;
  return false;
}
