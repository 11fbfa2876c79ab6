/**
 * `dedup key, … [, sort: {expr [asc|desc], …}] [, limit:] [, filterPushThrough:]` — keeps the
 * first record of each distinct key combination, first in input order or, with `sort:`, in that
 * order (reference §1.6). Records come out in the order their key first appeared, at most `limit`
 * of them (without `sort:` the read stops there). `filterPushThrough:` is a planner hint of
 * Grail's that changes no result: checked, then left to the plan. `direction:` is not
 * implemented (reported): its values are not documented.
 */
import type { Expression } from '../../ast';
import type { Row, Value } from '../../../grail/values';
import { diagnostic } from '../../diagnostics';
import { compileExpression, evaluateConstant } from '../evaluate';
import type { Evaluator } from '../evaluate';
import { groupKey } from '../group-key';
import { throwIfCancelled } from '../types';
import type { PlanningContext } from '../types';
import type { CommandSpec } from './command-spec';
import { groupMembers } from './items';
import { compareSortKeys, compileSortKeys } from './sort';
import type { SortKey } from './sort';

export const dedupCommand: CommandSpec = {
  name: 'dedup',
  isSource: false,
  parameters: {
    requiredPositional: 'expression',
    maxPositional: Number.MAX_SAFE_INTEGER,
    named: ['sort', 'limit', 'filterPushThrough'],
    unsupportedNamed: ['direction'],
  },
  plan(_cmd, params, ctx) {
    const keys = compileAll(
      params.positional.map((p) => p.value),
      ctx,
    );
    const sortBy = params.named.get('sort')?.value;
    const sortKeys = sortBy ? compileSortKeys(groupMembers(sortBy), false, ctx) : [];
    const limit = constant(params.named.get('limit')?.value, ctx, 'limit', 'a non-negative long', (v) =>
      typeof v === 'bigint' && v >= 0n ? v : undefined,
    );
    const hint = constant(
      params.named.get('filterPushThrough')?.value,
      ctx,
      'filterPushThrough',
      'a boolean',
      (v) => (typeof v === 'boolean' ? v : undefined),
    );
    if (!keys || !sortKeys || limit === null || hint === null) return undefined;
    const max = limit === undefined ? Infinity : Number(limit);
    return {
      run: async function* dedup(input, exec) {
        const env = { nowNs: exec.nowNs, timezone: exec.timezone };
        const firstSeen = new Map<string, number>();
        const best: { row: Row; sort: Value[] }[] = [];
        for await (const row of input) {
          throwIfCancelled(exec.cancel);
          const id = groupKey(keys.map((k) => k(row, env)));
          const sort = sortKeys.map((k) => k.evaluate(row, env));
          const at = firstSeen.get(id);
          if (at === undefined) {
            // Without sort:, a later record never replaces one kept: the first `limit` are final.
            if (sortKeys.length === 0 && best.length >= max) break;
            firstSeen.set(id, best.length);
            best.push({ row, sort });
          } else if (compareSortKeys(sortKeys as SortKey[], sort, (best[at] as { sort: Value[] }).sort) < 0) {
            best[at] = { row, sort };
          }
        }
        for (const b of best.slice(0, max)) yield b.row;
      },
    };
  },
};

/** A named constant checked by `accept`: undefined when absent, null after a report. */
function constant<T>(
  e: Expression | undefined,
  ctx: PlanningContext,
  name: string,
  expected: string,
  accept: (v: Value) => T | undefined,
): T | undefined | null {
  if (!e) return undefined;
  const r = evaluateConstant(e, { nowNs: ctx.nowNs, timezone: ctx.timezone }, ctx.report);
  if (!r.ok) return null;
  const v = accept(r.value);
  if (v === undefined) {
    ctx.report(diagnostic('DQL2012', e, [name, expected]));
    return null;
  }
  return v;
}

function compileAll(exprs: readonly Expression[], ctx: PlanningContext): Evaluator[] | undefined {
  const out: Evaluator[] = [];
  let ok = true;
  for (const e of exprs) {
    const ev = compileExpression(e, ctx.report);
    if (ev) out.push(ev);
    else ok = false;
  }
  return ok ? out : undefined;
}
