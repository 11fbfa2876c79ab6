/**
 * escape, unescape, unescapeHtml and punctuation. escape and unescape follow the rules of the DQL
 * string functions page (docs.dynatrace.com):
 *
 * - escape: `"` → `\"`, `'` → `\'` (backticks stay), `\` → `\\`, backspace, form feed, new line,
 *   carriage return and tab → `\b \f \n \r \t`; other printable ASCII (0x20–0x7e) stays; other
 *   ASCII characters (0x00–0x07, 0x0b, 0x0e–0x1f, 0x7f) → `\xhh`; everything beyond ASCII →
 *   `\uhhhh` (`ö` → `\u00f6`; ⚠ a character beyond the BMP as its two UTF-16 code units).
 * - unescape: `\"`, `\'`, `` \` `` and `\\`; `\a \b \f \n \r \t \v`; `\xhh` (0x80–0xff read as
 *   `\u00hh`); `\uhhhh`. ⚠ Octal escapes (`\101`) are read as in Java (not documented); an unknown
 *   or incomplete escape is kept as written.
 *
 * unescapeHtml knows the numeric references and the common named ones. punctuation keeps the
 * characters that are neither letters, digits nor white space (spaces too with
 * `withSpace: true`), at most `count` of them.
 */
import { arg, bool, long, scalarFunctions, str } from './function-types';

const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  "'": "\\'",
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
};

const UNESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  '"': '"',
  "'": "'",
  '`': '`',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const hex = (code: number, digits: number): string => code.toString(16).padStart(digits, '0');

function escapeDql(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charAt(i);
    const code = s.charCodeAt(i);
    const known = ESCAPES[c];
    if (known !== undefined) out += known;
    else if (code >= 0x20 && code <= 0x7e) out += c;
    else if (code < 0x80) out += `\\x${hex(code, 2)}`;
    else out += `\\u${hex(code, 4)}`;
  }
  return out;
}

function unescapeDql(s: string): string {
  return s.replace(/\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[0-7]{1,3}|[\s\S])/g, (whole, e: string) => {
    if (e.length > 1 && (e[0] === 'u' || e[0] === 'x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]+$/.test(e)) {
      const code = parseInt(e, 8);
      return code <= 0xff ? String.fromCharCode(code) : whole;
    }
    return UNESCAPES[e] ?? whole;
  });
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  copy: '\u00a9',
  reg: '\u00ae',
  trade: '\u2122',
  euro: '\u20ac',
  pound: '\u00a3',
  yen: '\u00a5',
  cent: '\u00a2',
  sect: '\u00a7',
  deg: '\u00b0',
  plusmn: '\u00b1',
  middot: '\u00b7',
  laquo: '\u00ab',
  raquo: '\u00bb',
  ndash: '\u2013',
  mdash: '\u2014',
  lsquo: '\u2018',
  rsquo: '\u2019',
  ldquo: '\u201c',
  rdquo: '\u201d',
  hellip: '\u2026',
  bull: '\u2022',
  times: '\u00d7',
  divide: '\u00f7',
  auml: '\u00e4',
  ouml: '\u00f6',
  uuml: '\u00fc',
  Auml: '\u00c4',
  Ouml: '\u00d6',
  Uuml: '\u00dc',
  szlig: '\u00df',
  eacute: '\u00e9',
  egrave: '\u00e8',
  agrave: '\u00e0',
  ccedil: '\u00e7',
};

function unescapeHtml(s: string): string {
  return s.replace(/&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/g, (whole, e: string) => {
    if (e.startsWith('#')) {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return HTML_ENTITIES[e] ?? whole;
  });
}

const PUNCTUATION = /[^\p{L}\p{N}\s]/u;
const SPACE = /\s/u;

export const ESCAPE_FUNCTIONS = scalarFunctions({
  escape: (a) => {
    const s = str(a[0]);
    return s === undefined ? null : escapeDql(s);
  },
  unescape: (a) => {
    const s = str(a[0]);
    return s === undefined ? null : unescapeDql(s);
  },
  unescapeHtml: (a) => {
    const s = str(a[0]);
    return s === undefined ? null : unescapeHtml(s);
  },
  punctuation: (a) => {
    const s = str(a[0]);
    const count = long(arg(a, 1, 32n));
    const withSpace = bool(arg(a, 2, false));
    if (s === undefined || count === undefined || withSpace === undefined || count < 0n) return null;
    let out = '';
    let n = 0n;
    for (const c of s) {
      if (n >= count) break;
      if (PUNCTUATION.test(c) || (withSpace && SPACE.test(c))) {
        out += c;
        n++;
      }
    }
    return out;
  },
});
