/**
 * DQL lexer (reference §1.3). Total: every input yields tokens ending in `eof`, problems become
 * diagnostics, nothing throws. Comments are emitted as tokens (the editor colours them; the parser
 * skips them); whitespace is not.
 */
import { diagnostic } from './diagnostics';
import type { Diagnostic } from './diagnostics';
import { CHAR_CLASSES, KEYWORDS, PUNCTUATION } from './tokens';
import type { Token, TokenKind } from './tokens';

export interface LexResult {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);
const MAX_KEYWORD_LENGTH = Math.max(...KEYWORDS.map((k) => k.length));
const DOT = 46;
const charClass = (source: string) => new RegExp(`[${source}]`);

/** ASCII lookup table of a character class (the lexer tests characters, not strings). */
function asciiTable(re: RegExp): Uint8Array {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = re.test(String.fromCharCode(c)) ? 1 : 0;
  return t;
}
const IDENT_START = asciiTable(charClass(CHAR_CLASSES.identifierStart));
const IDENT_PART = asciiTable(charClass(CHAR_CLASSES.identifierPart));
const DIGIT = asciiTable(charClass(CHAR_CLASSES.digit));
const HEX = asciiTable(charClass(CHAR_CLASSES.hexDigit));
const WHITESPACE = /\s/;
const SPACE = asciiTable(WHITESPACE);

/** Punctuation by first character code, longest first (so `==` wins over `=`). */
const PUNCTUATION_BY_FIRST: (readonly string[] | undefined)[] = [];
for (const p of PUNCTUATION) {
  const c = p.charCodeAt(0);
  PUNCTUATION_BY_FIRST[c] = [...(PUNCTUATION_BY_FIRST[c] ?? []), p];
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
  '`': '`',
  '/': '/',
};

export function lex(text: string): LexResult {
  const tokens: Token[] = [];
  const diagnostics: Diagnostic[] = [];
  let i = 0;
  const at = (k: number): string => text[k] ?? '';
  const is = (table: Uint8Array, k: number): boolean => {
    const c = text.charCodeAt(k);
    return c < 128 && table[c] === 1;
  };
  const push = (kind: TokenKind, start: number, end: number, value?: string): void => {
    const source = text.slice(start, end);
    tokens.push({ kind, start, end, text: source, value: value ?? source });
  };

  /** Reads a `quote`-delimited body with backslash escapes from i (just after the opening quote). */
  const readEscaped = (quote: string): { value: string; closed: boolean } => {
    let value = '';
    while (i < text.length && at(i) !== quote) {
      if (at(i) === '\\' && i + 1 < text.length) {
        const e = at(i + 1);
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        value += ESCAPES[e] ?? e;
        i += 2;
        continue;
      }
      value += at(i);
      i++;
    }
    const closed = i < text.length;
    if (closed) i++;
    return { value, closed };
  };

  const n = text.length;
  while (i < n) {
    const start = i;
    const code = text.charCodeAt(i);
    // The common cases first, on character codes: whitespace, plain identifiers, `|`.
    if (code < 128 && SPACE[code] === 1) {
      i++;
      continue;
    }
    if (code < 128 && IDENT_START[code] === 1) {
      i++;
      for (;;) {
        const k = text.charCodeAt(i);
        if (k < 128 && IDENT_PART[k] === 1) i++;
        else if (k === DOT && is(IDENT_PART, i + 1)) i++;
        else break;
      }
      const word = text.slice(start, i);
      const lower = word.length <= MAX_KEYWORD_LENGTH ? word.toLowerCase() : '';
      if (KEYWORD_SET.has(lower)) tokens.push({ kind: 'keyword', start, end: i, text: word, value: lower });
      else tokens.push({ kind: 'identifier', start, end: i, text: word, value: word });
      continue;
    }
    const c = at(i);
    if (code >= 128 && WHITESPACE.test(c)) {
      i++;
      continue;
    }
    // comments
    if (c === '/' && at(i + 1) === '/') {
      while (i < text.length && at(i) !== '\n') i++;
      push('lineComment', start, i);
      continue;
    }
    if (c === '/' && at(i + 1) === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close < 0 ? text.length : close + 2;
      if (close < 0) diagnostics.push(diagnostic('DQL1004', { start, end: i }));
      push('blockComment', start, i);
      continue;
    }
    // strings
    if (c === '"' && text.startsWith('"""', i)) {
      let close = text.indexOf('"""', i + 3);
      // In a run of more than three quotes the last three close the string: `""""web-01""""` is
      // "web-01" in quotes (the JSON_VALUE example of docs.dynatrace.com, DPL JSON Data).
      while (close >= 0 && text[close + 3] === '"') close++;
      const end = close < 0 ? text.length : close + 3;
      if (close < 0) diagnostics.push(diagnostic('DQL1003', { start, end }, ['"""']));
      i = end;
      push('string', start, end, text.slice(start + 3, close < 0 ? end : close));
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      const { value, closed } = readEscaped(c);
      if (!closed) diagnostics.push(diagnostic('DQL1003', { start, end: i }, [c]));
      push(c === '"' ? 'string' : 'singleQuotedString', start, i, value);
      continue;
    }
    if (c === '`') {
      i++;
      const { value, closed } = readEscaped('`');
      if (!closed) diagnostics.push(diagnostic('DQL1005', { start, end: i }));
      push('quotedIdentifier', start, i, value);
      continue;
    }
    // numbers, durations ("numbered identifiers")
    if (is(DIGIT, i)) {
      if (c === '0' && (at(i + 1) === 'x' || at(i + 1) === 'X') && is(HEX, i + 2)) {
        i += 2;
        while (is(HEX, i)) i++;
        push('long', start, i);
        continue;
      }
      while (is(DIGIT, i)) i++;
      let kind: TokenKind = 'long';
      if (at(i) === '.' && is(DIGIT, i + 1)) {
        kind = 'double';
        i++;
        while (is(DIGIT, i)) i++;
      }
      if (
        (at(i) === 'e' || at(i) === 'E') &&
        (is(DIGIT, i + 1) || ((at(i + 1) === '-' || at(i + 1) === '+') && is(DIGIT, i + 2)))
      ) {
        kind = 'double';
        i += at(i + 1) === '-' || at(i + 1) === '+' ? 2 : 1;
        while (is(DIGIT, i)) i++;
      } else if (kind === 'long' && is(IDENT_START, i)) {
        while (is(IDENT_PART, i)) i++;
        kind = 'duration';
      }
      push(kind, start, i);
      continue;
    }
    // identifiers (dotted), keywords, variables
    if (is(IDENT_START, i) || (c === '$' && is(IDENT_START, i + 1))) {
      i++;
      while (is(IDENT_PART, i) || (at(i) === '.' && is(IDENT_PART, i + 1))) i++;
      const word = text.slice(start, i);
      if (c === '$') push('variable', start, i, word.slice(1));
      else if (KEYWORD_SET.has(word.toLowerCase())) push('keyword', start, i, word.toLowerCase());
      else push('identifier', start, i);
      continue;
    }
    const candidates = code < 128 ? PUNCTUATION_BY_FIRST[code] : undefined;
    let p: string | undefined;
    for (const q of candidates ?? []) {
      if (q.length === 1 || text.startsWith(q, i)) {
        p = q;
        break;
      }
    }
    if (p) {
      i += p.length;
      // The table's own string: no slice of the source per `|`, `,` or `(`.
      tokens.push({ kind: 'punctuation', start, end: i, text: p, value: p });
      continue;
    }
    // An unknown character: one whole code point, so surrogate pairs are not split.
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
    push('error', start, i);
    diagnostics.push(diagnostic('DQL1002', { start, end: i }, [text.slice(start, i)]));
  }
  tokens.push({ kind: 'eof', start: text.length, end: text.length, text: '', value: '' });
  return { tokens, diagnostics };
}
