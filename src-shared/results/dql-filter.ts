/**
 * "Add filter from this value": the DQL line `| filter <field> == <literal>` for a typed cell.
 * Field names that are not plain identifiers (dots are allowed, as in `event.type`) are quoted
 * with backticks; literals follow the value's wire type.
 */
import type { WireFieldTypeName } from '../grail/wire';

const PLAIN_FIELD = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export function dqlFieldName(field: string): string {
  return PLAIN_FIELD.test(field) ? field : `\`${field.replace(/`/g, '``')}\``;
}

export function dqlStringLiteral(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t')}"`;
}

/** The filter line for `field` holding `value` of `type`; undefined when no literal can express it. */
export function filterClause(
  field: string,
  value: unknown,
  type: WireFieldTypeName | undefined,
): string | undefined {
  const name = dqlFieldName(field);
  if (value === null || value === undefined) return `| filter isNull(${name})`;
  switch (type) {
    case 'long':
    case 'double':
      return `| filter ${name} == ${String(value)}`;
    case 'boolean':
      return `| filter ${name} == ${String(value)}`;
    case 'timestamp':
      return typeof value === 'string'
        ? `| filter ${name} == toTimestamp(${dqlStringLiteral(value)})`
        : undefined;
    case 'duration':
      return `| filter ${name} == ${String(value)}ns`;
    default:
      break;
  }
  if (typeof value === 'string') return `| filter ${name} == ${dqlStringLiteral(value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `| filter ${name} == ${String(value)}`;
  return undefined;
}
