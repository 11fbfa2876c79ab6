/** `fieldsRemove a, b` — drops the named fields (missing ones are ignored). */
import type { Value } from '../../../grail/values';
import type { CommandSpec } from './command-spec';
import { mapStage } from './fields';
import { fieldNames } from './items';

export const fieldsRemoveCommand: CommandSpec = {
  name: 'fieldsRemove',
  isSource: false,
  parameters: { requiredPositional: 'field', maxPositional: Number.MAX_SAFE_INTEGER, named: [] },
  plan(_cmd, params, ctx) {
    const names = fieldNames(
      params.positional.map((p) => p.value),
      'fieldsRemove',
      ctx.report,
    );
    if (!names) return undefined;
    const drop = new Set(names);
    return {
      run: mapStage((row) => {
        const out = new Map<string, Value>();
        for (const [k, v] of row) if (!drop.has(k)) out.set(k, v);
        return out;
      }),
    };
  },
};
