/**
 * `join [sub-query], on: {a, left[x] == right[y]}, kind: inner|leftOuter|outer, prefix: "right.",
 * fields: {…}` — equi-join (reference §1.6): each record joined with every matching sub-query
 * record, whose fields are added with the prefix. `on: {a}` compares `a` on both sides; null never
 * matches. leftOuter keeps unmatched records; outer also adds unmatched sub-query records.
 */
import type { Expression } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Row, Value } from '../../../grail/values';
import { compileExpression } from '../evaluate';
import type { Evaluator } from '../evaluate';
import { groupKey } from '../group-key';
import { throwIfCancelled } from '../types';
import type { PlanningContext } from '../types';
import type { CommandSpec } from './command-spec';
import { fieldNames, groupMembers } from './items';
import { collectBlock, planBlock, stringParam } from './subquery-param';

const KINDS = ['inner', 'leftOuter', 'outer'] as const;

/** `left[x]` / `right[y]` → which side and the expression to evaluate on that side's record. */
function side(e: Expression): { side: 'left' | 'right'; expr: Expression } | undefined {
  if (e.type === 'index' && e.target.type === 'field' && !e.target.quoted && e.index) {
    if (e.target.name === 'left' || e.target.name === 'right') return { side: e.target.name, expr: e.index };
  }
  return undefined;
}

function compileConditions(
  on: Expression,
  ctx: PlanningContext,
): { left: Evaluator[]; right: Evaluator[] } | undefined {
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

export const joinCommand: CommandSpec = {
  name: 'join',
  isSource: false,
  parameters: {
    requiredPositional: 'joinTable',
    maxPositional: 1,
    named: ['on', 'kind', 'prefix', 'fields', 'executionOrder'],
  },
  plan(cmd, params, ctx) {
    const block = planBlock(params.positional[0]?.value, 'joinTable', ctx);
    const on = params.named.get('on')?.value;
    if (!on) ctx.report(diagnostic('DQL2007', cmd.nameSpan, ['join', 'on']));
    const conditions = on ? compileConditions(on, ctx) : undefined;
    const kindExpr = params.named.get('kind')?.value;
    // Enum values are written bare (`kind: leftOuter`); a string is accepted too.
    const kindName =
      kindExpr?.type === 'field'
        ? kindExpr.name
        : kindExpr?.type === 'literal' && kindExpr.literal.kind === 'string'
          ? kindExpr.literal.value
          : undefined;
    const kind = kindExpr ? KINDS.find((k) => k === kindName) : 'inner';
    if (!kind && kindExpr) ctx.report(diagnostic('DQL2012', kindExpr, ['kind', 'inner, leftOuter or outer']));
    const prefix = stringParam(params.named.get('prefix')?.value, 'prefix', 'right.', ctx);
    const fieldsParam = params.named.get('fields')?.value;
    const selected = fieldsParam ? fieldNames(groupMembers(fieldsParam), 'fields', ctx.report) : undefined;
    if (!block || !conditions || !kind || prefix === undefined || (fieldsParam && !selected))
      return undefined;
    const addRight = (out: Map<string, Value>, r: Row): void => {
      for (const [k, v] of r) if (!selected || selected.includes(k)) out.set(prefix + k, v);
    };
    return {
      run: async function* join(input, exec) {
        const env = { nowNs: exec.nowNs };
        const rights = await collectBlock(block, exec);
        const index = new Map<string, number[]>();
        rights.forEach((r, i) => {
          const key = conditions.right.map((c) => c(r, env));
          if (key.includes(null)) return;
          const id = groupKey(key);
          index.set(id, [...(index.get(id) ?? []), i]);
        });
        const matched = new Set<number>();
        for await (const row of input) {
          throwIfCancelled(exec.cancel);
          const key = conditions.left.map((c) => c(row, env));
          const hits = key.includes(null) ? [] : (index.get(groupKey(key)) ?? []);
          for (const i of hits) {
            matched.add(i);
            const out = new Map<string, Value>(row);
            addRight(out, rights[i] as Row);
            yield out;
          }
          if (hits.length === 0 && kind !== 'inner') yield row;
        }
        if (kind === 'outer')
          for (let i = 0; i < rights.length; i++)
            if (!matched.has(i)) {
              const out = new Map<string, Value>();
              addRight(out, rights[i] as Row);
              yield out;
            }
      },
    };
  },
};
