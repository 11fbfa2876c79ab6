/**
 * `lookup [sub-query], sourceField: a, lookupField: b [, prefix: "lookup."] [, fields: {x, …}]`
 * — adds the fields of the first sub-query record whose `lookupField` equals the record's
 * `sourceField`, prefixed; all existing fields with the prefix are removed first (reference §1.6).
 * Records without a match are kept unchanged apart from that removal.
 */
import type { Expression } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../diagnostics';
import type { Row, Value } from '../../../grail/values';
import { valueKey } from '../group-key';
import { throwIfCancelled } from '../types';
import type { CommandSpec } from './command-spec';
import { fieldNames, groupMembers } from './items';
import { collectBlock, planBlock, stringParam } from './subquery-param';

/** A parameter that must name a field (`sourceField: a`). */
function fieldParam(
  e: Expression | undefined,
  name: string,
  report: (d: Diagnostic) => void,
): string | undefined {
  if (e?.type !== 'field') {
    if (e) report(diagnostic('DQL2012', e, [name, 'a field name']));
    return undefined;
  }
  return e.name;
}

export const lookupCommand: CommandSpec = {
  name: 'lookup',
  isSource: false,
  parameters: {
    requiredPositional: 'lookupTable',
    maxPositional: 1,
    named: ['sourceField', 'lookupField', 'prefix', 'fields', 'executionOrder'],
  },
  plan(cmd, params, ctx) {
    const block = planBlock(params.positional[0]?.value, 'lookupTable', ctx);
    const lookupExpr = params.named.get('lookupField')?.value;
    const lookupField = fieldParam(lookupExpr, 'lookupField', ctx.report);
    // sourceField defaults to the lookup field's name.
    const sourceField = params.named.has('sourceField')
      ? fieldParam(params.named.get('sourceField')?.value, 'sourceField', ctx.report)
      : lookupField;
    const prefix = stringParam(params.named.get('prefix')?.value, 'prefix', 'lookup.', ctx);
    const fieldsParam = params.named.get('fields')?.value;
    const selected = fieldsParam ? fieldNames(groupMembers(fieldsParam), 'fields', ctx.report) : undefined;
    if (!lookupExpr) ctx.report(diagnostic('DQL2007', cmd.nameSpan, ['lookup', 'lookupField']));
    if (!block || !lookupField || !sourceField || prefix === undefined || (fieldsParam && !selected))
      return undefined;
    return {
      run: async function* lookup(input, exec) {
        const index = new Map<string, Row>();
        for (const r of await collectBlock(block, exec)) {
          const v = r.get(lookupField) ?? null;
          if (v === null) continue;
          const k = valueKey(v);
          if (!index.has(k)) index.set(k, r);
        }
        for await (const row of input) {
          throwIfCancelled(exec.cancel);
          const out = new Map<string, Value>();
          for (const [k, v] of row) if (!k.startsWith(prefix)) out.set(k, v);
          const v = row.get(sourceField) ?? null;
          const match = v === null ? undefined : index.get(valueKey(v));
          if (match)
            for (const [k, mv] of match) if (!selected || selected.includes(k)) out.set(prefix + k, mv);
          yield out;
        }
      },
    };
  },
};
