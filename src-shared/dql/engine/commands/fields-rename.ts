/**
 * `fieldsRename new = old, …` — renames fields in place (position kept). A missing source field
 * is skipped; a rename onto an existing name replaces that field.
 */
import { diagnostic } from '../../diagnostics';
import type { Value } from '../../../grail/values';
import type { CommandSpec } from './command-spec';
import { mapStage } from './fields';

export const fieldsRenameCommand: CommandSpec = {
  name: 'fieldsRename',
  isSource: false,
  parameters: { requiredPositional: 'field', maxPositional: Number.MAX_SAFE_INTEGER, named: [] },
  plan(_cmd, params, ctx) {
    const renames = new Map<string, string>();
    for (const p of params.positional) {
      const e = p.value;
      if (e.type !== 'assign' || e.value.type !== 'field') {
        ctx.report(diagnostic('DQL2012', e, ['fieldsRename', '`newName = oldName`']));
        return undefined;
      }
      renames.set(e.value.name, e.target.name);
    }
    const targets = new Set(renames.values());
    return {
      run: mapStage((row) => {
        const out = new Map<string, Value>();
        for (const [k, v] of row) {
          const to = renames.get(k);
          if (to !== undefined) out.set(to, v);
          else if (!targets.has(k) || !hasSource(row, renames, k)) out.set(k, v);
        }
        return out;
      }),
    };
  },
};

/** Whether some present field is renamed onto `name` (then the old `name` is replaced). */
function hasSource(
  row: ReadonlyMap<string, Value>,
  renames: ReadonlyMap<string, string>,
  name: string,
): boolean {
  for (const [from, to] of renames) if (to === name && row.has(from)) return true;
  return false;
}
