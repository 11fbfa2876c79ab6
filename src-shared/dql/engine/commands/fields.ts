/**
 * `fields expr, name = expr, …` — the records become exactly these fields, in this order; a field
 * missing from a record comes out as null. Shares compileItems with fieldsAdd.
 */
import type { Parameter } from '../../ast';
import type { Row, Value } from '../../../grail/values';
import { compileExpression } from '../evaluate';
import type { Evaluator } from '../evaluate';
import { throwIfCancelled } from '../types';
import type { PlanningContext, Stage } from '../types';
import type { CommandSpec } from './command-spec';
import { outputItem } from './items';

export interface CompiledItem {
  readonly name: string;
  readonly evaluate: Evaluator;
}

export function compileItems(params: readonly Parameter[], ctx: PlanningContext): CompiledItem[] | undefined {
  let ok = true;
  const items: CompiledItem[] = [];
  for (const p of params) {
    const item = outputItem(p.value);
    const evaluate = compileExpression(item.expr, ctx.report);
    if (evaluate) items.push({ name: item.name, evaluate });
    else ok = false;
  }
  return ok ? items : undefined;
}

/** A stage mapping each record to a new one. */
export function mapStage(map: (row: Row, env: { nowNs: bigint }) => Row): Stage {
  return async function* mapRows(input, exec) {
    const env = { nowNs: exec.nowNs, timezone: exec.timezone };
    for await (const row of input) {
      throwIfCancelled(exec.cancel);
      yield map(row, env);
    }
  };
}

export const fieldsCommand: CommandSpec = {
  name: 'fields',
  isSource: false,
  parameters: { requiredPositional: 'field', maxPositional: Number.MAX_SAFE_INTEGER, named: [] },
  plan(_cmd, params, ctx) {
    const items = compileItems(params.positional, ctx);
    if (!items) return undefined;
    return {
      run: mapStage((row, env) => {
        const out = new Map<string, Value>();
        for (const it of items) out.set(it.name, it.evaluate(row, env));
        return out;
      }),
    };
  },
};
