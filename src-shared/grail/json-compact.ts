/**
 * The compact JSON text Grail stores for a nested object or array (reference §3.4: "converts
 * complex JSON objects into strings", compact, no spaces). Built from the text that was sent, so
 * number lexemes, key order and string escapes are kept exactly as written (⚠ see ingest-rules.ts).
 */
import type { JsonNode } from './json-document';

/** The value's source text with all whitespace outside strings removed. */
export function compactSource(text: string, start: number, end: number): string {
  let out = '';
  let run = start;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = skipString(text, i);
      continue;
    }
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
      if (i > run) out += text.slice(run, i);
      i++;
      while (i < end && isWhitespace(text.charCodeAt(i))) i++;
      run = i;
      continue;
    }
    i++;
  }
  // The common case (already compact) is one slice and no concatenation.
  return run === start ? text.slice(start, end) : out + text.slice(run, end);
}

/**
 * Compact text of a value whose objects may repeat a key: the last value wins at the position of
 * the first occurrence (what a JSON library's ordered map does on re-serialization).
 */
export function compactDeduplicated(text: string, node: JsonNode): string {
  switch (node.kind) {
    case 'object': {
      const byKey = new Map<string, { rawKey: string; value: JsonNode }>();
      for (const m of node.members) {
        const existing = byKey.get(m.key);
        if (existing) existing.value = m.value;
        else byKey.set(m.key, { rawKey: text.slice(m.keyStart, m.keyEnd), value: m.value });
      }
      const parts = [...byKey.values()].map((m) => `${m.rawKey}:${compactDeduplicated(text, m.value)}`);
      return `{${parts.join(',')}}`;
    }
    case 'array':
      return `[${node.items.map((item) => compactDeduplicated(text, item)).join(',')}]`;
    default:
      return text.slice(node.start, node.end);
  }
}

function skipString(text: string, openingQuote: number): number {
  let i = openingQuote + 1;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i += 2;
    else if (c === 0x22 || Number.isNaN(c)) return i + 1;
    else i++;
  }
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
