/**
 * A parsed JSON node as an engine value: objects become records, numbers keep their exact
 * lexeme (long vs double). `special` lets a caller give some nodes another meaning first
 * (the golden test data tags timestamps and durations as one-member objects).
 */
import type { JsonNode } from './json-document';
import { numberValue } from './stored-value';
import { recordValue } from './values';
import type { Value } from './values';

export function jsonNodeToValue(n: JsonNode, special?: (n: JsonNode) => Value | undefined): Value {
  const convert = (node: JsonNode): Value => {
    const tagged = special?.(node);
    if (tagged !== undefined) return tagged;
    switch (node.kind) {
      case 'object':
        return recordValue(new Map(node.members.map((m) => [m.key, convert(m.value)])));
      case 'array':
        return node.items.map(convert);
      case 'string':
        return node.value;
      case 'number':
        return numberValue(node.lexeme).value;
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
        return null;
    }
  };
  return convert(n);
}
