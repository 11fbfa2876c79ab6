/**
 * DPL JSON matchers (docs.dynatrace.com, DPL JSON Data): JSON_OBJECT / JSON (an object, as a
 * record), JSON_ARRAY (an array) and JSON_VALUE (any JSON value) — JSON integers become longs,
 * other numbers doubles, as jsonExtract reads them. The RegExp source keeps brackets and strings
 * balanced to a fixed depth, so a value ends where its closing bracket is; the matched text is then
 * parsed, and text that is not valid JSON exports null. ⚠ Nesting deeper than MAX_DEPTH does not
 * match; the member-selecting configurations (`JSON{…}`, `greedy=`, `strict=`) are unsupported.
 */
import { parseJsonDocument } from '../../../grail/json-document';
import { jsonNodeToValue } from '../../../grail/json-value';
import type { Value } from '../../../grail/values';

const MAX_DEPTH = 16;
const STRING = '"(?:[^"\\\\]|\\\\.)*"';
const PLAIN = '[^{}\\[\\]"]';
const NUMBER = '-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?';

/** A bracketed value of up to `depth` levels (which bracket closes which is left to the parser). */
function nested(depth: number): string {
  const inner = depth <= 1 ? '' : `|${nested(depth - 1)}`;
  return `[{\\[](?:${PLAIN}|${STRING}${inner})*[}\\]]`;
}

const NESTED = nested(MAX_DEPTH - 1);
const bracketed = (open: string, close: string): string =>
  `\\${open}(?:${PLAIN}|${STRING}|${NESTED})*\\${close}`;

function parsed(kind: 'object' | 'array' | undefined) {
  return (text: string): Value => {
    const doc = parseJsonDocument(text, MAX_DEPTH + 1);
    if (!doc.ok || (kind !== undefined && doc.root.kind !== kind)) return null;
    return jsonNodeToValue(doc.root);
  };
}

export interface JsonMatcher {
  readonly source: string;
  readonly convert: (text: string) => Value;
}

const OBJECT: JsonMatcher = { source: bracketed('{', '}'), convert: parsed('object') };

export const JSON_MATCHERS: Readonly<Record<string, JsonMatcher>> = {
  JSON: OBJECT,
  JSON_OBJECT: OBJECT,
  JSON_ARRAY: { source: bracketed('[', ']'), convert: parsed('array') },
  JSON_VALUE: {
    source: `(?:${bracketed('{', '}')}|${bracketed('[', ']')}|${STRING}|${NUMBER}|true|false|null)`,
    convert: parsed(undefined),
  },
};
