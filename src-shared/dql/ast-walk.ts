/**
 * Generic traversal of the syntax tree: the children of a node, and the chain of nodes that
 * contain an offset (innermost last), for hover and completion.
 */
import type { Command, Expression, Parameter, Query } from './ast';

export type Node = Query | Command | Parameter | Expression;

export function childrenOf(n: Node): Node[] {
  switch (n.type) {
    case 'query':
      return [...n.commands];
    case 'command':
      return [...n.params];
    case 'positional':
    case 'named':
      return [n.value];
    case 'unary':
      return [n.operand];
    case 'binary':
      return [n.left, n.right];
    case 'call':
      return [...n.args];
    case 'index':
      return n.index ? [n.target, n.index] : [n.target];
    case 'assign':
      return [n.target, n.value];
    case 'sortDirection':
      return [n.expr];
    case 'group':
      return [...n.items];
    case 'subquery':
      return [n.query];
    case 'alignment':
      return n.target ? [n.target, n.unit] : [n.unit];
    default:
      return [];
  }
}

/** Nodes containing `offset` (start ≤ offset ≤ end), outermost first. */
export function pathAt(root: Node, offset: number): Node[] {
  const path: Node[] = [];
  let node: Node | undefined = root;
  while (node) {
    path.push(node);
    node = childrenOf(node).find(
      (c) => c.start <= offset && offset <= c.end && !(c.start === c.end && c.type === 'error'),
    );
  }
  return path;
}

/** Every command of the query, sub-queries included. */
export function allCommands(root: Node): Command[] {
  const out: Command[] = [];
  const visit = (n: Node): void => {
    if (n.type === 'command') out.push(n);
    for (const c of childrenOf(n)) visit(c);
  };
  visit(root);
  return out;
}
