/**
 * `fieldsKeep a, b` — keeps only the named fields, in the record's own order; unlike `fields`, a
 * field a record lacks is not created.
 */
import type { Value } from '../../../grail/values';
import type { CommandSpec } from './command-spec';
import { mapStage } from './fields';
import { fieldNames } from './items';

export const fieldsKeepCommand: CommandSpec = {
  name: 'fieldsKeep',
  isSource: false,
  parameters: { requiredPositional: 'field', maxPositional: Number.MAX_SAFE_INTEGER, named: [] },
  plan(_cmd, params, ctx) {
    const names = fieldNames(
      params.positional.map((p) => p.value),
      'fieldsKeep',
      ctx.report,
    );
    if (!names) return undefined;
    const keep = new Set(names);
    return {
      run: mapStage((row) => {
        const out = new Map<string, Value>();
        for (const [k, v] of row) if (keep.has(k)) out.set(k, v);
        return out;
      }),
    };
  },
};
