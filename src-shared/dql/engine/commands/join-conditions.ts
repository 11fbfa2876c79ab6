/**
 * The `on:` parameter of the join commands: `{a, left[x] == right[y], …}` compiled to key
 * evaluators for each side (`a` compares `a` on both sides). Only equi-joins are supported.
 */
import type { Expression } from '../../ast';
import { diagnostic } from '../../diagnostics';
import { compileExpression } from '../evaluate';
import type { Evaluator } from '../evaluate';
import type { PlanningContext } from '../types';
import { groupMembers } from './items';

export interface JoinKeys {
  readonly left: readonly Evaluator[];
  readonly right: readonly Evaluator[];
}

/** `left[x]` / `right[y]` → which side and the expression to evaluate on that side's record. */
function side(e: Expression): { side: 'left' | 'right'; expr: Expression } | undefined {
  if (e.type === 'index' && e.target.type === 'field' && !e.target.quoted && e.index) {
    if (e.target.name === 'left' || e.target.name === 'right') return { side: e.target.name, expr: e.index };
  }
  return undefined;
}

export function compileJoinKeys(on: Expression, ctx: PlanningContext): JoinKeys | undefined {
  const left: Evaluator[] = [];
  const right: Evaluator[] = [];
  for (const c of groupMembers(on)) {
    let pair: [Expression, Expression] | undefined;
    if (c.type === 'field') pair = [c, c];
    else if (c.type === 'binary' && c.op === '==') {
      const a = side(c.left);
      const b = side(c.right);
      if (a && b && a.side !== b.side) pair = a.side === 'left' ? [a.expr, b.expr] : [b.expr, a.expr];
    }
    if (!pair) {
      ctx.report(diagnostic('DQL2015', c, ['a join condition other than `field` or `left[a] == right[b]`']));
      return undefined;
    }
    const l = compileExpression(pair[0], ctx.report);
    const r = compileExpression(pair[1], ctx.report);
    if (!l || !r) return undefined;
    left.push(l);
    right.push(r);
  }
  return { left, right };
}
