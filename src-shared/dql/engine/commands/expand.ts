/**
 * `expand [name =] expr [, limit: n]` — one record per element of the array `expr` yields, the
 * element in the field (`name`, else the expression's own field name); at most `limit` elements
 * per record. An empty array produces no records (docs.dynatrace.com, DQL structuring commands,
 * expand). ⚠ A record whose value is null or not an array is kept once with the field null (the
 * documentation leaves this open; keeping records never hides data).
 */
import { diagnostic } from '../../diagnostics';
import type { Value } from '../../../grail/values';
import { compileExpression, evaluateConstant } from '../evaluate';
import { throwIfCancelled } from '../types';
import type { CommandSpec } from './command-spec';
import { outputItem } from './items';

const DEFAULT_LIMIT = 2_147_483_647n;

export const expandCommand: CommandSpec = {
  name: 'expand',
  isSource: false,
  parameters: { requiredPositional: 'expression', maxPositional: 1, named: ['limit'] },
  plan(_cmd, params, ctx) {
    const expr = params.positional[0]?.value;
    if (!expr) return undefined;
    const item = outputItem(expr);
    const evaluate = compileExpression(item.expr, ctx.report);
    let limit = DEFAULT_LIMIT;
    const limitExpr = params.named.get('limit')?.value;
    if (limitExpr) {
      const r = evaluateConstant(limitExpr, { nowNs: ctx.nowNs, timezone: ctx.timezone }, ctx.report);
      if (!r.ok) return undefined;
      if (typeof r.value !== 'bigint' || r.value < 1n) {
        ctx.report(diagnostic('DQL2012', limitExpr, ['limit', 'a long of at least 1']));
        return undefined;
      }
      limit = r.value;
    }
    if (!evaluate) return undefined;
    const max = limit > BigInt(Number.MAX_SAFE_INTEGER) ? Infinity : Number(limit);
    return {
      run: async function* expand(input, exec) {
        const env = { nowNs: exec.nowNs, timezone: exec.timezone };
        for await (const row of input) {
          throwIfCancelled(exec.cancel);
          const v = evaluate(row, env);
          const elements: readonly Value[] = Array.isArray(v) ? (v as readonly Value[]) : [null];
          for (const e of elements.slice(0, max)) {
            const out = new Map<string, Value>(row);
            out.set(item.name, e);
            yield out;
          }
        }
      },
    };
  },
};
