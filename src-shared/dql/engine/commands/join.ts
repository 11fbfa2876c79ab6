/**
 * `join [sub-query], on: {a, left[x] == right[y]}, kind: inner|leftOuter|outer, prefix: "right.",
 * fields: {…}` — equi-join (reference §1.6): each record joined with every matching sub-query
 * record, whose fields are added with the prefix. `on: {a}` compares `a` on both sides; null never
 * matches. leftOuter keeps unmatched records; outer also adds unmatched sub-query records.
 */
import { diagnostic } from '../../diagnostics';
import type { Row, Value } from '../../../grail/values';
import { groupKey } from '../group-key';
import { throwIfCancelled } from '../types';
import type { CommandSpec } from './command-spec';
import { fieldNames, groupMembers } from './items';
import { collectBlock, planBlock, stringParam } from './subquery-param';
import { compileJoinKeys } from './join-conditions';

const KINDS = ['inner', 'leftOuter', 'outer'] as const;

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
    const conditions = on ? compileJoinKeys(on, ctx) : undefined;
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
        const env = { nowNs: exec.nowNs, timezone: exec.timezone };
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
