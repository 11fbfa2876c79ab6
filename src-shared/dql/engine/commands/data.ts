/**
 * `data record(…), record(…)` or `data json: """[{…}, {…}]"""` — a static list of records
 * (reference §1.6). JSON integers become longs, other numbers doubles, objects records; fields a
 * record lacks are simply missing. ⚠ A single JSON object is one record.
 */
import type { Expression } from '../../ast';
import { diagnostic } from '../../diagnostics';
import { parseJsonDocument } from '../../../grail/json-document';
import { jsonNodeToValue } from '../../../grail/json-value';
import { isRecord } from '../../../grail/values';
import type { Row } from '../../../grail/values';
import { evaluateConstant } from '../evaluate';
import type { PlanningContext } from '../types';
import type { CommandSpec } from './command-spec';

const MAX_JSON_DEPTH = 64;

export const dataCommand: CommandSpec = {
  name: 'data',
  isSource: true,
  parameters: { maxPositional: Number.MAX_SAFE_INTEGER, named: ['json'] },
  plan(_cmd, params, ctx) {
    const rows: Row[] = [];
    for (const p of params.positional) {
      const r = evaluateConstant(p.value, { nowNs: ctx.nowNs, timezone: ctx.timezone }, ctx.report);
      if (!r.ok) return undefined;
      if (!isRecord(r.value)) {
        ctx.report(diagnostic('DQL2012', p.value, ['record', 'a record such as `record(a = 1)`']));
        return undefined;
      }
      rows.push(r.value.fields);
    }
    const json = params.named.get('json')?.value;
    if (json) {
      const fromJson = jsonRows(json, ctx);
      if (!fromJson) return undefined;
      rows.push(...fromJson);
    }
    return {
      run: async function* data() {
        yield* rows;
      },
    };
  },
};

function jsonRows(e: Expression, ctx: PlanningContext): Row[] | undefined {
  const r = evaluateConstant(e, { nowNs: ctx.nowNs, timezone: ctx.timezone }, ctx.report);
  if (!r.ok) return undefined;
  const expected = 'a JSON array of objects as a string';
  if (typeof r.value !== 'string') {
    ctx.report(diagnostic('DQL2012', e, ['json', expected]));
    return undefined;
  }
  const doc = parseJsonDocument(r.value, MAX_JSON_DEPTH);
  const items = !doc.ok ? undefined : doc.root.kind === 'array' ? doc.root.items : [doc.root];
  if (!items || items.some((n) => n.kind !== 'object')) {
    ctx.report(diagnostic('DQL2012', e, ['json', expected]));
    return undefined;
  }
  return items.map((n) => (jsonNodeToValue(n) as { fields: Row }).fields);
}
