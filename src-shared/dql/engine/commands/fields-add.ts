/**
 * `fieldsAdd name = expr, expr, …` — adds fields, or replaces them where they exist. Every
 * expression sees the incoming record. ⚠ A replaced field keeps its position.
 */
import type { Value } from '../../../grail/values';
import type { CommandSpec } from './command-spec';
import { compileItems, mapStage } from './fields';

export const fieldsAddCommand: CommandSpec = {
  name: 'fieldsAdd',
  isSource: false,
  parameters: { requiredPositional: 'field', maxPositional: Number.MAX_SAFE_INTEGER, named: [] },
  plan(_cmd, params, ctx) {
    const items = compileItems(params.positional, ctx);
    if (!items) return undefined;
    return {
      run: mapStage((row, env) => {
        const values = items.map((it) => it.evaluate(row, env));
        const out = new Map<string, Value>(row);
        items.forEach((it, i) => out.set(it.name, values[i] as Value));
        return out;
      }),
    };
  },
};
