/**
 * A documented subset of DPL (Dynatrace Pattern Language) for `parse`, compiled to one anchored
 * RegExp. Supported, with the value type each exports:
 *   LD / LDATA (at least one character of a line, string) · DATA (also across lines, string) ·
 *   INT / INTEGER / LONG (long) · DOUBLE (double) · IPADDR / IPV4ADDR (IPv4 only, string —
 *   the sandbox has no ip type) · WORD (letters, digits, `_`, string) · EOL / LF · CR ·
 *   EOLWIN / WINEOL (`\r\n`) · 'literal' / "literal" (backslash escapes) · `?` after an item
 *   (optional) · `:name` exports an item as a field · whitespace, `//` and `/* *\/` comments.
 * LD and DATA run to the first place the next non-optional item matches (or to the end).
 * ⚠ The pattern must match at the start of the text, not to its end (Grail's rule is not stated).
 * Anything else is reported at its offset inside the pattern string.
 */
import { LONG_MAX, LONG_MIN } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { escapeRegExp } from '../search';

export type DplType = 'string' | 'long' | 'double';

/** The value an exported item's matched text stands for (a long out of range is null). */
export function exportedValue(text: string | undefined, type: DplType): Value {
  if (text === undefined) return null;
  if (type === 'string') return text;
  if (type === 'double') return Number(text);
  const n = BigInt(text);
  return n < LONG_MIN || n > LONG_MAX ? null : n;
}

export interface DplExport {
  readonly name: string;
  readonly type: DplType;
  /** The RegExp group holding the matched text. */
  readonly group: string;
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

const MATCHERS: Readonly<Record<string, { source: string; type: DplType; lazy?: boolean }>> = {
  LD: { source: '[^\\n]+', type: 'string', lazy: true },
  LDATA: { source: '[^\\n]+', type: 'string', lazy: true },
  DATA: { source: '[\\s\\S]+', type: 'string', lazy: true },
  INT: { source: '[-+]?\\d+', type: 'long' },
  INTEGER: { source: '[-+]?\\d+', type: 'long' },
  LONG: { source: '[-+]?\\d+', type: 'long' },
  DOUBLE: { source: '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?', type: 'double' },
  IPADDR: { source: `${OCTET}(?:\\.${OCTET}){3}(?!\\d)`, type: 'string' },
  IPV4ADDR: { source: `${OCTET}(?:\\.${OCTET}){3}(?!\\d)`, type: 'string' },
  WORD: { source: '[A-Za-z0-9_]+', type: 'string' },
  EOL: { source: '\\n', type: 'string' },
  LF: { source: '\\n', type: 'string' },
  CR: { source: '\\r', type: 'string' },
  EOLWIN: { source: '\\r\\n', type: 'string' },
  WINEOL: { source: '\\r\\n', type: 'string' },
};

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
      if (text[i] === '(') return fail('unsupported', `configuration of the DPL matcher \`${word[0]}\``, i);
      source = matcher.source;
      type = matcher.type;
      lazy = matcher.lazy === true;
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
      exported = { name: name[0], type, group: `g${items.length}` };
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
