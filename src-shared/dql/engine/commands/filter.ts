/**
 * `filter condition` — keeps the records whose condition is true (null and false are dropped,
 * reference §1.5). filter-out.ts shares this with the opposite sense.
 */
import { diagnostic } from '../../diagnostics';
import type { Expression } from '../../ast';
import { compileExpression, memberKey } from '../evaluate';
import type { Evaluator } from '../evaluate';
import { throwIfCancelled } from '../types';
import type { ExecutionContext, PlannedStage, PlanningContext, Stage } from '../types';
import type { CommandSpec } from './command-spec';
import { collectBlock } from './subquery-param';

export function planCondition(
  command: string,
  condition: Expression | undefined,
  keep: boolean,
  ctx: PlanningContext,
): PlannedStage | undefined {
  if (!condition) return undefined;
  if (condition.type === 'assign') {
    ctx.report(diagnostic('DQL2025', condition, [command]));
    return undefined;
  }
  const blocks = new Map<object, Stage>();
  const test = compileExpression(condition, ctx.report, {
    subquery: (block) => {
      const stage = ctx.planSubquery(block);
      if (!stage) return undefined;
      const token = {};
      blocks.set(token, stage);
      return token;
    },
  });
  if (!test) return undefined;
  return { run: conditionStage(test, keep, blocks), shape: { kind: 'filter', condition, keep } };
}

/**
 * The values of an `in [sub-query]` block: each record's first field (null skipped), run once per
 * query run before the first record is tested. ⚠ Grail asks for a single-field block; the sandbox
 * takes the first field of wider ones.
 */
async function members(block: Stage, exec: ExecutionContext): Promise<Set<string>> {
  const keys = new Set<string>();
  for (const row of await collectBlock(block, exec)) {
    const first = row.values().next();
    if (!first.done && first.value !== null) keys.add(memberKey(first.value));
  }
  return keys;
}

/** keep: a record passes when the condition is true; else (filterOut) when it is not true. */
function conditionStage(test: Evaluator, keep: boolean, blocks: ReadonlyMap<object, Stage>): Stage {
  return async function* filterStage(input, exec) {
    const subqueries = new Map<object, ReadonlySet<string>>();
    for (const [token, block] of blocks) subqueries.set(token, await members(block, exec));
    const env = { nowNs: exec.nowNs, timezone: exec.timezone, subqueries };
    for await (const row of input) {
      throwIfCancelled(exec.cancel);
      if ((test(row, env) === true) === keep) yield row;
    }
  };
}

export const filterCommand: CommandSpec = {
  name: 'filter',
  isSource: false,
  parameters: { requiredPositional: 'condition', maxPositional: 1, named: [] },
  plan: (_cmd, params, ctx) => planCondition('filter', params.positional[0]?.value, true, ctx),
};
