/**
 * `dedup key, … [, sort: {expr [asc|desc], …}]` — keeps the first record of each distinct key
 * combination, first in input order or, with `sort:`, in that order (reference §1.6). Records come
 * out in the order their key first appeared.
 */
import type { Expression } from '../../ast';
import type { Row, Value } from '../../../grail/values';
import { compileExpression } from '../evaluate';
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
    named: ['sort'],
    unsupportedNamed: ['direction', 'limit', 'filterPushThrough'],
  },
  plan(_cmd, params, ctx) {
    const keys = compileAll(
      params.positional.map((p) => p.value),
      ctx,
    );
    const sortBy = params.named.get('sort')?.value;
    const sortKeys = sortBy ? compileSortKeys(groupMembers(sortBy), false, ctx) : [];
    if (!keys || !sortKeys) return undefined;
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
            firstSeen.set(id, best.length);
            best.push({ row, sort });
          } else if (compareSortKeys(sortKeys as SortKey[], sort, (best[at] as { sort: Value[] }).sort) < 0) {
            best[at] = { row, sort };
          }
        }
        for (const b of best) yield b.row;
      },
    };
  },
};

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
