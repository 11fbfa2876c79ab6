/**
 * `jsonExtract input [, conflicts: name]` (experimental in Grail) — parses the JSON object in the
 * string expression `input` and adds its top-level members as fields (JSON integers become longs,
 * other numbers doubles, objects records). A member whose name the record already has collides:
 * the record's field stays, and the colliding members go into a record in the `conflicts:` field
 * when one is named, else they are discarded (catalogue). ⚠ Not documented, chosen here: input that
 * is null, not a string, not valid JSON or not an object leaves the record unchanged, and the
 * `conflicts:` field is only added when something collided.
 */
import { parseJsonDocument } from '../../../grail/json-document';
import { jsonNodeToValue } from '../../../grail/json-value';
import { recordValue } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { compileExpression } from '../evaluate';
import type { CommandSpec } from './command-spec';
import { mapStage } from './fields';
import { fieldNames } from './items';

const MAX_JSON_DEPTH = 64;

export const jsonExtractCommand: CommandSpec = {
  name: 'jsonExtract',
  isSource: false,
  parameters: { requiredPositional: 'expression', maxPositional: 1, named: ['conflicts'] },
  plan(_cmd, params, ctx) {
    const input = params.positional[0]?.value;
    const evaluate = input && compileExpression(input, ctx.report);
    const conflictsExpr = params.named.get('conflicts')?.value;
    const conflicts = conflictsExpr ? fieldNames([conflictsExpr], 'jsonExtract', ctx.report)?.[0] : undefined;
    if (!evaluate || (conflictsExpr && conflicts === undefined)) return undefined;
    return {
      run: mapStage((row, env) => {
        const text = evaluate(row, env);
        if (typeof text !== 'string') return row;
        const doc = parseJsonDocument(text, MAX_JSON_DEPTH);
        if (!doc.ok || doc.root.kind !== 'object') return row;
        const out = new Map<string, Value>(row);
        const collided = new Map<string, Value>();
        for (const m of doc.root.members) {
          const value = jsonNodeToValue(m.value);
          if (row.has(m.key)) collided.set(m.key, value);
          else out.set(m.key, value);
        }
        if (conflicts !== undefined && collided.size > 0) out.set(conflicts, recordValue(collided));
        return out;
      }),
    };
  },
};
