/**
 * A documented subset of DPL (Dynatrace Pattern Language) for `parse`, compiled to one anchored
 * RegExp. Supported, with the value type each exports:
 *   LD / LDATA (at least one character of a line, string) · DATA (also across lines, string) ·
 *   INT / INTEGER / LONG (long) · DOUBLE (double) · IPADDR (IPv4 or IPv6) / IPV4 / IPV4ADDR /
 *   IPV6 / IPV6ADDR (string — the sandbox has no ip type; IPv6 in its canonical text) ·
 *   TIMESTAMP / TIME ('format', timezone=, locale='en') · ISO8601 · HTTPDATE · JSONTIMESTAMP
 *   (timestamp; dpl-time.ts) · JSON / JSON_OBJECT (record), JSON_ARRAY, JSON_VALUE (dpl-json.ts) ·
 *   WORD (letters, digits, `_`, string) · EOL / LF · CR · EOLWIN / WINEOL (`\r\n`) ·
 *   'literal' / "literal" (backslash escapes) · `?` after an item (optional) · `:name` exports an
 *   item as a field · whitespace, `//` and `/* *\/` comments.
 * LD and DATA run to the first place the next non-optional item matches (or to the end).
 * ⚠ The pattern must match at the start of the text, not to its end (Grail's rule is not stated).
 * Anything else is reported at its offset inside the pattern string.
 */
import { UTC, resolveTimezone } from '../../../grail/timestamp';
import type { Timezone } from '../../../grail/timestamp';
import { LONG_MAX, LONG_MIN } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { canonicalIpV6 } from '../functions/network';
import { escapeRegExp } from '../search';
import { JSON_MATCHERS } from './dpl-json';
import { DEFAULT_TIME_FORMAT, FIXED_TIME_PATTERNS, compileTimePattern } from './dpl-time';

export type DplType = 'string' | 'long' | 'double' | 'timestamp' | 'json';

/** Matched text → value, for matchers whose text is not the value as it stands. */
type Convert = (text: string, zone: Timezone, nowNs: bigint) => Value;

/** The value an exported item's matched text stands for (a long out of range is null). */
export function exportedValue(
  text: string | undefined,
  x: DplExport,
  env: { readonly nowNs: bigint; readonly timezone?: Timezone | undefined },
): Value {
  if (text === undefined) return null;
  if (x.convert) return x.convert(text, env.timezone ?? UTC, env.nowNs);
  if (x.type === 'string') return text;
  if (x.type === 'double') return Number(text);
  const n = BigInt(text);
  return n < LONG_MIN || n > LONG_MAX ? null : n;
}

export interface DplExport {
  readonly name: string;
  readonly type: DplType;
  /** The RegExp group holding the matched text. */
  readonly group: string;
  readonly convert?: Convert;
}

export interface CompiledDpl {
  readonly regex: RegExp;
  /** Exported fields in pattern order. */
  readonly exports: readonly DplExport[];
}

export type DplOutcome =
  | { readonly ok: true; readonly pattern: CompiledDpl }
  | {
      readonly ok: false;
      /** unsupported: real DPL the subset lacks; invalid: not a well-formed pattern. */
      readonly kind: 'unsupported' | 'invalid';
      readonly message: string;
      readonly start: number;
      readonly end: number;
    };

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = `${OCTET}(?:\\.${OCTET}){3}(?!\\d)`;
const HEX = '[0-9A-Fa-f]{1,4}';
/** Every IPv6 form (`::` standing for one or more zero groups), followed by no more address. */
const IPV6 = `(?:${[
  `(?:${HEX}:){7}${HEX}`,
  `(?:${HEX}:){6}${IPV4}`,
  `(?:(?:${HEX}:){0,5}${HEX})?::(?:${HEX}:){0,4}${IPV4}`,
  `::(?:(?:${HEX}:){0,6}${HEX})?`,
  ...[1, 2, 3, 4, 5, 6].map((b) => `(?:${HEX}:){${b - 1}}${HEX}::(?:(?:${HEX}:){0,${6 - b}}${HEX})?`),
  `(?:${HEX}:){6}${HEX}::`,
].join('|')})(?![0-9A-Fa-f:]|\\.\\d)`;
const canonicalV6: Convert = (text) => (text.includes('.') ? text : (canonicalIpV6(text) ?? text));
// ⚠ Mixed notation (`::ffff:1.2.3.4`) stays as written: how Grail prints it is not documented.
const canonicalIp: Convert = (text) => (text.includes(':') ? canonicalV6(text, UTC, 0n) : text);

interface Matcher {
  readonly source: string;
  readonly type: DplType;
  readonly lazy?: boolean;
  readonly convert?: Convert;
}

function timeMatcher(format: string, zone?: Timezone): Matcher | string {
  const compiled = compileTimePattern(format);
  if (typeof compiled === 'string') return compiled;
  return {
    source: compiled.source,
    type: 'timestamp',
    convert: (text, requestZone, nowNs) => compiled.toValue(text, zone ?? requestZone, nowNs),
  };
}

const MATCHERS: Readonly<Record<string, Matcher>> = {
  TIMESTAMP: timeMatcher(DEFAULT_TIME_FORMAT) as Matcher,
  TIME: timeMatcher(DEFAULT_TIME_FORMAT) as Matcher,
  LD: { source: '[^\\n]+', type: 'string', lazy: true },
  LDATA: { source: '[^\\n]+', type: 'string', lazy: true },
  DATA: { source: '[\\s\\S]+', type: 'string', lazy: true },
  INT: { source: '[-+]?\\d+', type: 'long' },
  INTEGER: { source: '[-+]?\\d+', type: 'long' },
  LONG: { source: '[-+]?\\d+', type: 'long' },
  DOUBLE: { source: '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?', type: 'double' },
  IPADDR: { source: `(?:${IPV6}|${IPV4})`, type: 'string', convert: canonicalIp },
  IPV4: { source: IPV4, type: 'string' },
  IPV4ADDR: { source: IPV4, type: 'string' },
  IPV6: { source: IPV6, type: 'string', convert: canonicalV6 },
  IPV6ADDR: { source: IPV6, type: 'string', convert: canonicalV6 },
  WORD: { source: '[A-Za-z0-9_]+', type: 'string' },
  EOL: { source: '\\n', type: 'string' },
  LF: { source: '\\n', type: 'string' },
  CR: { source: '\\r', type: 'string' },
  EOLWIN: { source: '\\r\\n', type: 'string' },
  WINEOL: { source: '\\r\\n', type: 'string' },
  ...Object.fromEntries(
    Object.entries(JSON_MATCHERS).map(([name, m]) => [name, { ...m, type: 'json' as const }]),
  ),
  ...Object.fromEntries(
    Object.entries(FIXED_TIME_PATTERNS).map(([name, format]) => [name, timeMatcher(format) as Matcher]),
  ),
};

/** Matchers that take a configuration in parentheses. */
const CONFIGURABLE = new Set(['TIMESTAMP', 'TIME']);

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  '\\': '\\',
  "'": "'",
  '"': '"',
};

interface Item {
  readonly source: string;
  readonly lazy: boolean;
  readonly optional: boolean;
  readonly export?: DplExport;
}

interface ConfigFailure {
  readonly kind: 'unsupported' | 'invalid';
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

/**
 * `TIMESTAMP('MMM d HH:mm:ss', timezone='Europe/Vienna', locale='en')` from the `(` at `open`: the
 * format positionally or as `format=`; `charset=` is accepted and ignored (text is already decoded).
 */
function configuredTime(text: string, open: number): { matcher: Matcher; end: number } | ConfigFailure {
  const settings = new Map<string, string>();
  const config = /\s*(?:([A-Za-z]+)\s*=\s*)?(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\s*([,)])/y;
  let i = open + 1;
  for (;;) {
    config.lastIndex = i;
    const m = config.exec(text);
    if (!m) return { kind: 'invalid', message: 'a malformed matcher configuration', start: i, end: i + 1 };
    const key = m[1] ?? (settings.size === 0 ? 'format' : '');
    if (!['format', 'timezone', 'locale', 'charset'].includes(key) || settings.has(key))
      return {
        kind: 'invalid',
        message: `the configuration \`${key || 'value'}\``,
        start: i,
        end: config.lastIndex,
      };
    settings.set(key, (m[2] ?? m[3] ?? '').replace(/\\(.)/g, '$1'));
    i = config.lastIndex;
    if (m[4] === ')') break;
  }
  const fail = (kind: 'unsupported' | 'invalid', message: string): ConfigFailure => ({
    kind,
    message,
    start: open,
    end: i,
  });
  const locale = settings.get('locale');
  if (locale !== undefined && !/^en(?:[-_].*)?$/i.test(locale))
    return fail('unsupported', `the locale \`${locale}\` (only English names)`);
  const zoneName = settings.get('timezone');
  const zone = zoneName === undefined ? undefined : resolveTimezone(zoneName);
  if (zoneName !== undefined && !zone) return fail('invalid', `the unknown timezone \`${zoneName}\``);
  const matcher = timeMatcher(settings.get('format') ?? DEFAULT_TIME_FORMAT, zone);
  return typeof matcher === 'string' ? fail('unsupported', matcher) : { matcher, end: i };
}

export function compileDpl(text: string): DplOutcome {
  const items: Item[] = [];
  const names = new Set<string>();
  let i = 0;
  const fail = (
    kind: 'unsupported' | 'invalid',
    message: string,
    start: number,
    end = start + 1,
  ): DplOutcome => ({
    ok: false,
    kind,
    message,
    start,
    end: Math.min(Math.max(end, start + 1), Math.max(text.length, start + 1)),
  });
  while (i < text.length) {
    const rest = text.slice(i);
    const space = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(rest);
    if (space) {
      i += space[0].length;
      continue;
    }
    const at = i;
    let source: string;
    let type: DplType = 'string';
    let lazy = false;
    let convert: Convert | undefined;
    const quote = text[i];
    if (quote === "'" || quote === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== quote) {
        if (text[i] === '\\') {
          const escaped = ESCAPES[text[i + 1] ?? ''];
          if (escaped === undefined)
            return fail('invalid', 'an unknown escape sequence in a DPL string', i, i + 2);
          value += escaped;
          i += 2;
        } else value += text[i++];
      }
      if (i >= text.length) return fail('invalid', 'an unterminated DPL string', at, text.length);
      i++;
      if (value === '') return fail('invalid', 'an empty DPL string', at, i);
      source = escapeRegExp(value);
    } else {
      const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
      if (!word) {
        const real = /^[(|$<>!]/.test(rest) ? 'unsupported' : 'invalid';
        return fail(real, `\`${rest[0] ?? ''}\` in a DPL pattern`, at);
      }
      const matcher = MATCHERS[word[0]];
      if (!matcher) return fail('unsupported', `the DPL matcher \`${word[0]}\``, at, at + word[0].length);
      i += word[0].length;
      let chosen: Matcher = matcher;
      if (text[i] === '(') {
        if (!CONFIGURABLE.has(word[0]))
          return fail('unsupported', `configuration of the DPL matcher \`${word[0]}\``, i);
        const config = configuredTime(text, i);
        if ('kind' in config) return fail(config.kind, config.message, config.start, config.end);
        chosen = config.matcher;
        i = config.end;
      }
      source = chosen.source;
      type = chosen.type;
      lazy = chosen.lazy === true;
      convert = chosen.convert;
    }
    if (/^[*+{]/.test(text[i] ?? '')) return fail('unsupported', 'DPL quantifiers other than `?`', i);
    let optional = false;
    if (text[i] === '?') {
      optional = true;
      i++;
    }
    let exported: DplExport | undefined;
    if (text[i] === ':') {
      const name = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(i + 1));
      if (!name) return fail('invalid', 'no field name after `:`', i);
      if (names.has(name[0]))
        return fail('invalid', `the field \`${name[0]}\` exported twice`, i + 1, i + 1 + name[0].length);
      names.add(name[0]);
      exported = { name: name[0], type, group: `g${items.length}`, ...(convert ? { convert } : {}) };
      i += 1 + name[0].length;
    }
    items.push({ source, lazy, optional, ...(exported ? { export: exported } : {}) });
  }
  if (items.length === 0) return fail('invalid', 'an empty DPL pattern', 0, text.length);
  // Every item is atomic — emulated by a captured lookahead and its backreference, as JS has
  // no atomic groups: `INT` never gives back digits, and LD/DATA stop at the first place the
  // next non-optional item matches (to the end when none follows) and never extend past it.
  // Without backtracking into items, matching stays linear in the text (no ReDoS).
  const parts = items.map((it, n) => {
    const group = `g${n}`;
    const next = items.slice(n + 1).find((later) => !later.optional);
    const source = it.lazy && next ? `${it.source}?(?=${next.source})` : it.source;
    const body = `(?=(?<${group}>${source}))\\k<${group}>`;
    return it.optional ? `(?:${body})?` : body;
  });
  return {
    ok: true,
    pattern: {
      regex: new RegExp(`^${parts.join('')}`, 'u'),
      exports: items.flatMap((it) => (it.export ? [it.export] : [])),
    },
  };
}
