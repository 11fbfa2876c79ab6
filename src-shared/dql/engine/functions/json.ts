/**
 * jsonField(expression, fieldName [, seek]) and jsonPath(expression, jsonPath [, seek]): parse a
 * JSON string and return one value of it (JSON integers as longs, other numbers doubles, objects
 * records, as jsonExtract does). With `seek: true` the JSON object may sit inside other text: the
 * first `{…}` that parses is used. ⚠ Chosen where Grail is silent: text that is not JSON, a
 * missing member and a path that leads nowhere give null; the path syntax is `$` (optional), then
 * `.name`, `['name']` / `["name"]` or `[index]` steps — no wildcards, filters or slices.
 */
import { parseJsonDocument } from '../../../grail/json-document';
import type { JsonNode } from '../../../grail/json-document';
import { jsonNodeToValue } from '../../../grail/json-value';
import type { Value } from '../../../grail/values';
import { arg, bool, scalarFunctions, str } from './function-types';

const MAX_JSON_DEPTH = 64;

type Step = string | number;

/** The end (exclusive) of the balanced `{…}` starting at `start`, skipping strings; -1 if none. */
function objectEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return c === '}' ? i + 1 : -1;
    }
  }
  return -1;
}

function parseJson(text: string, seek: boolean): JsonNode | undefined {
  const whole = parseJsonDocument(text, MAX_JSON_DEPTH);
  if (whole.ok) return whole.root;
  if (!seek) return undefined;
  for (let at = text.indexOf('{'); at >= 0; at = text.indexOf('{', at + 1)) {
    const end = objectEnd(text, at);
    if (end < 0) continue;
    const doc = parseJsonDocument(text.slice(at, end), MAX_JSON_DEPTH);
    if (doc.ok) return doc.root;
  }
  return undefined;
}

function child(node: JsonNode, step: Step): JsonNode | undefined {
  if (typeof step === 'number') return node.kind === 'array' ? node.items[step] : undefined;
  if (node.kind !== 'object') return undefined;
  // The last of duplicate keys wins, as in JSON.parse.
  for (let i = node.members.length - 1; i >= 0; i--) {
    const m = node.members[i];
    if (m?.key === step) return m.value;
  }
  return undefined;
}

const STEP = /^(?:\.([^.[\]]+)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]|\["((?:[^"\\]|\\.)*)"\])/;

/** `$.a.b[0]['c d']` (or `a.b[0]`) as steps; undefined when it is not such a path. */
export function parseJsonPath(path: string): Step[] | undefined {
  let rest = path.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (rest !== '' && !rest.startsWith('[')) rest = `.${rest}`;
  const steps: Step[] = [];
  while (rest !== '') {
    const m = STEP.exec(rest);
    if (!m) return undefined;
    const quoted = m[3] ?? m[4];
    steps.push(
      m[1] !== undefined ? m[1] : m[2] !== undefined ? Number(m[2]) : (quoted ?? '').replace(/\\(.)/g, '$1'),
    );
    rest = rest.slice(m[0].length);
  }
  return steps;
}

function extract(text: Value, steps: readonly Step[] | undefined, seekArg: Value): Value {
  const s = str(text);
  const seek = bool(seekArg);
  if (s === undefined || steps === undefined || seek === undefined) return null;
  let node = parseJson(s, seek);
  for (const step of steps) node = node && child(node, step);
  return node ? jsonNodeToValue(node) : null;
}

export const JSON_FUNCTIONS = scalarFunctions({
  jsonField: (a) => {
    const name = str(a[1]);
    return extract(arg(a, 0), name === undefined ? undefined : [name], arg(a, 2, false));
  },
  jsonPath: (a) => {
    const path = str(a[1]);
    return extract(arg(a, 0), path === undefined ? undefined : parseJsonPath(path), arg(a, 2, false));
  },
});
