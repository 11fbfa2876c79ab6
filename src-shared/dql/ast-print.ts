/**
 * A compact s-expression rendering of the syntax tree (jlox's AstPrinter), for golden files and
 * test failures: `fetch bizevents | filter a > 1` → `(fetch bizevents) (filter (> a 1))`.
 */
import type { Expression, Parameter, Query } from './ast';
import { formatFieldName } from './format';

export function printQuery(q: Query): string {
  return q.commands.map((c) => `(${[c.name, ...c.params.map(printParameter)].join(' ')})`).join(' ');
}

function printParameter(p: Parameter): string {
  return p.type === 'named' ? `${p.name}:${printExpression(p.value)}` : printExpression(p.value);
}

export function printExpression(e: Expression): string {
  switch (e.type) {
    case 'literal':
      switch (e.literal.kind) {
        case 'string':
          return JSON.stringify(e.literal.value);
        case 'long':
          return e.literal.value.toString();
        case 'double':
          return String(e.literal.value);
        case 'boolean':
          return String(e.literal.value);
        case 'null':
          return 'null';
        case 'duration':
          return `${e.literal.amount}${e.literal.unit}`;
      }
      break;
    case 'field':
      return formatFieldName(e.name);
    case 'variable':
      return `$${e.name}`;
    case 'unary':
      return `(${e.op} ${printExpression(e.operand)})`;
    case 'binary':
      return `(${e.op} ${printExpression(e.left)} ${printExpression(e.right)})`;
    case 'call':
      return `${e.name}(${e.args.map(printParameter).join(' ')})`;
    case 'index':
      return `(index ${printExpression(e.target)}${e.index ? ' ' + printExpression(e.index) : ''})`;
    case 'assign':
      return `(= ${formatFieldName(e.target.name)} ${printExpression(e.value)})`;
    case 'sortDirection':
      return `(${e.direction} ${printExpression(e.expr)})`;
    case 'group':
      return `{${e.items.map(printParameter).join(' ')}}`;
    case 'subquery':
      return `[${printQuery(e.query)}]`;
    case 'alignment':
      return `(@ ${e.target ? printExpression(e.target) + ' ' : ''}${printExpression(e.unit)})`;
    case 'error':
      return '<error>';
  }
}
