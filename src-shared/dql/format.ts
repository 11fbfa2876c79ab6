/**
 * Canonical query text (`metadata.grail.canonicalQuery`): one command per line joined by "\n| ",
 * catalogue spelling of command/function names (`Count()` → `count()`), comments dropped,
 * parentheses only where precedence needs them, `name:value` for named parameters (the SDK's
 * canonical example: `SORT a, {b, direction:"descending"}`).
 */
import type { Expression, Parameter, Query } from './ast';
import { canonicalCommandName, canonicalFunctionName } from './catalog';
import { KEYWORDS, PLAIN_IDENTIFIER } from './tokens';

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** Binding strength, strongest highest (reference §1.5). */
const PRECEDENCE: Readonly<Record<string, number>> = {
  or: 1,
  xor: 2,
  and: 3,
  not: 4,
  in: 5,
  '==': 6,
  '!=': 6,
  '<': 6,
  '<=': 6,
  '>': 6,
  '>=': 6,
  '~': 7,
  '+': 8,
  '-': 8,
  '@': 9,
  '*': 10,
  '/': 10,
  '%': 10,
  neg: 11,
};

export function formatCanonical(query: Query): string {
  return query.commands
    .map((c) => {
      const name = canonicalCommandName(c.name) ?? c.name;
      return c.params.length ? `${name} ${c.params.map(formatParameter).join(', ')}` : name;
    })
    .join('\n| ');
}

export function formatParameter(p: Parameter): string {
  return p.type === 'named' ? `${p.name}:${formatExpression(p.value)}` : formatExpression(p.value);
}

export function formatFieldName(name: string): string {
  if (PLAIN_IDENTIFIER.test(name) && !KEYWORD_SET.has(name.toLowerCase())) return name;
  return '`' + name.replace(/[\\`]/g, (c) => '\\' + c) + '`';
}

function quote(s: string): string {
  return (
    '"' +
    s
      .replace(/[\\"]/g, (c) => '\\' + c)
      .replace(/\n/g, '\\n')
      .replace(/\r/g, '\\r')
      .replace(/\t/g, '\\t') +
    '"'
  );
}

function strength(e: Expression): number {
  switch (e.type) {
    case 'binary':
      return PRECEDENCE[e.op] ?? 0;
    case 'unary':
      return e.op === 'not' ? (PRECEDENCE.not ?? 0) : (PRECEDENCE.neg ?? 0);
    case 'alignment':
      return e.target ? (PRECEDENCE['@'] ?? 0) : 99;
    case 'assign':
    case 'sortDirection':
      return 0;
    default:
      return 99;
  }
}

function wrap(e: Expression, min: number): string {
  const s = formatExpression(e);
  return strength(e) < min ? `(${s})` : s;
}

export function formatExpression(e: Expression): string {
  switch (e.type) {
    case 'literal':
      switch (e.literal.kind) {
        case 'string':
          return quote(e.literal.value);
        case 'boolean':
          return String(e.literal.value);
        case 'null':
          return 'null';
        default:
          return e.raw;
      }
    case 'field':
      return formatFieldName(e.name);
    case 'variable':
      return `$${e.name}`;
    case 'unary': {
      const p = strength(e);
      if (e.op === 'not') return `not ${wrap(e.operand, p)}`;
      const operand = wrap(e.operand, p);
      return operand.startsWith('-') ? `-(${operand})` : `-${operand}`;
    }
    case 'binary': {
      const p = strength(e);
      // Left-associative: the right operand needs parentheses at equal strength.
      return `${wrap(e.left, p)} ${e.op} ${wrap(e.right, p + 1)}`;
    }
    case 'call':
      return `${canonicalFunctionName(e.name) ?? e.name}(${e.args.map(formatParameter).join(', ')})`;
    case 'index':
      return `${wrap(e.target, 99)}[${e.index ? formatExpression(e.index) : ''}]`;
    case 'assign':
      return `${formatFieldName(e.target.name)} = ${formatExpression(e.value)}`;
    case 'sortDirection':
      return `${formatExpression(e.expr)} ${e.direction}`;
    case 'group':
      return `{${e.items.map(formatParameter).join(', ')}}`;
    case 'subquery':
      return `[${formatCanonical(e.query)}]`;
    case 'alignment':
      return e.target
        ? `${wrap(e.target, PRECEDENCE['@'] ?? 0)}@${wrap(e.unit, 99)}`
        : `@${formatExpression(e.unit)}`;
    case 'error':
      return '';
  }
}
