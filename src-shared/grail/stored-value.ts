/**
 * JSON values → the typed values Grail stores for top-level fields (reference §3.4): integer
 * lexemes → exact long, other numbers → double, strings and booleans as they are.
 */
import type { JsonNode } from './json-document';
import { LONG_MAX, LONG_MIN } from './values';
import type { Value } from './values';

export type NumberOutcome = { value: Value; overflow?: 'long' | 'double' };

/** Integers with at most 15 digits fit a double exactly, so they skip the BigInt range check. */
const SAFE_INTEGER = /^-?\d{1,15}$/;
const INTEGER = /^-?\d+$/;

export function numberValue(lexeme: string): NumberOutcome {
  if (SAFE_INTEGER.test(lexeme)) return { value: BigInt(lexeme) };
  if (INTEGER.test(lexeme)) {
    const big = BigInt(lexeme);
    if (big >= LONG_MIN && big <= LONG_MAX) return { value: big };
    return { value: Number(lexeme), overflow: 'long' };
  }
  const d = Number(lexeme);
  return Number.isFinite(d) ? { value: d } : { value: d, overflow: 'double' };
}

/**
 * Dotted names that would make a nested object's leaves queryable as top-level fields,
 * e.g. `customer.firstName` for `{"customer":{"firstName":…}}`; at most `limit` of them.
 */
export function leafPaths(prefix: string, node: JsonNode, limit: number): string[] {
  const out: string[] = [];
  const walk = (path: string, n: JsonNode): void => {
    if (out.length >= limit) return;
    if (n.kind === 'object' && n.members.length > 0) {
      // A repeated key is one stored member: its last value, where the key first appeared.
      const members = new Map<string, JsonNode>();
      for (const m of n.members) members.set(m.key, m.value);
      for (const [key, value] of members) walk(`${path}.${key}`, value);
    } else {
      out.push(path);
    }
  };
  walk(prefix, node);
  return out;
}

/** The plain JavaScript value of a node (for validators that expect `JSON.parse` output). */
export function plainValue(node: JsonNode): unknown {
  switch (node.kind) {
    case 'string':
      return node.value;
    case 'number':
      return Number(node.lexeme);
    case 'true':
      return true;
    case 'false':
      return false;
    case 'null':
      return null;
    case 'array':
      return node.items.map(plainValue);
    case 'object': {
      const out: Record<string, unknown> = {};
      // defineProperty keeps a "__proto__" key an own property instead of changing the prototype.
      for (const m of node.members)
        Object.defineProperty(out, m.key, {
          value: plainValue(m.value),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return out;
    }
  }
}
