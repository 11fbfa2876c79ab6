/**
 * `fieldsFlatten field [, prefix: "p"] [, fields: {a, …}] [, depth: n]` — adds the entries of the
 * record in `field` as top-level fields named prefix + key (prefix defaults to `field.`), only
 * the listed keys when `fields:` is given; with depth > 1, nested records are flattened in turn
 * (keys joined with `.`) instead of being added whole. A record without a record there is left
 * as is. ⚠ The source field stays, and an added field replaces a same-named one in place
 * (as fieldsAdd does); Grail's documentation does not say.
 */
import { diagnostic } from '../../diagnostics';
import { isRecord } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { evaluateConstant } from '../evaluate';
import type { CommandSpec } from './command-spec';
import { mapStage } from './fields';
import { fieldNames, groupMembers } from './items';

const MAX_DEPTH = 10n;

export const fieldsFlattenCommand: CommandSpec = {
  name: 'fieldsFlatten',
  isSource: false,
  parameters: { requiredPositional: 'expression', maxPositional: 1, named: ['prefix', 'fields', 'depth'] },
  plan(_cmd, params, ctx) {
    const source = fieldNames(
      params.positional.map((p) => p.value),
      'fieldsFlatten',
      ctx.report,
    )?.[0];
    const constant = (name: string) => {
      const e = params.named.get(name)?.value;
      if (!e) return { ok: true as const, value: undefined, at: undefined };
      const r = evaluateConstant(e, { nowNs: ctx.nowNs, timezone: ctx.timezone }, ctx.report);
      return r.ok ? { ok: true as const, value: r.value, at: e } : { ok: false as const };
    };
    const prefix = constant('prefix');
    const depth = constant('depth');
    if (source === undefined || !prefix.ok || !depth.ok) return undefined;
    if (prefix.at && typeof prefix.value !== 'string') {
      ctx.report(diagnostic('DQL2012', prefix.at, ['prefix', 'a string']));
      return undefined;
    }
    if (depth.at && (typeof depth.value !== 'bigint' || depth.value < 1n || depth.value > MAX_DEPTH)) {
      ctx.report(diagnostic('DQL2012', depth.at, ['depth', 'a long from 1 to 10']));
      return undefined;
    }
    const fieldsExpr = params.named.get('fields')?.value;
    const only = fieldsExpr ? fieldNames(groupMembers(fieldsExpr), 'fieldsFlatten', ctx.report) : undefined;
    if (fieldsExpr && !only) return undefined;
    const keep = only && new Set(only);
    const start = typeof prefix.value === 'string' ? prefix.value : `${source}.`;
    const levels = typeof depth.value === 'bigint' ? Number(depth.value) : 1;
    return {
      run: mapStage((row) => {
        const record = row.get(source) ?? null;
        if (!isRecord(record)) return row;
        const out = new Map<string, Value>(row);
        const add = (fields: ReadonlyMap<string, Value>, at: string, level: number, top: boolean): void => {
          for (const [k, v] of fields) {
            if (top && keep && !keep.has(k)) continue;
            if (level < levels && isRecord(v)) add(v.fields, `${at}${k}.`, level + 1, false);
            else out.set(`${at}${k}`, v);
          }
        };
        add(record.fields, start, 1, true);
        return out;
      }),
    };
  },
};
