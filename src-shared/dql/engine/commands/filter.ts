/**
 * `filter condition` — keeps the records whose condition is true (null and false are dropped,
 * reference §1.5). filter-out.ts shares this with the opposite sense.
 */
import { diagnostic } from '../../diagnostics';
import type { Expression } from '../../ast';
import { compileExpression } from '../evaluate';
import type { Evaluator } from '../evaluate';
import { throwIfCancelled } from '../types';
import type { PlannedStage, PlanningContext, Stage } from '../types';
import type { CommandSpec } from './command-spec';

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
  const test = compileExpression(condition, ctx.report);
  if (!test) return undefined;
  return { run: conditionStage(test, keep), shape: { kind: 'filter', condition, keep } };
}

/** keep: a record passes when the condition is true; else (filterOut) when it is not true. */
function conditionStage(test: Evaluator, keep: boolean): Stage {
  return async function* filterStage(input, exec) {
    const env = { nowNs: exec.nowNs };
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
