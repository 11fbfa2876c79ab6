/**
 * `joinNested name = [sub-query], on: {a, left[x] == right[y]} [, fields: {f, …}]
 * [, executionOrder: …]` — every incoming record gets the field `name`: an array of the
 * sub-query records matching it (only the `fields:` listed, when given), as records, in the
 * sub-query's order. Null keys never match. ⚠ A record without a match keeps an empty array
 * (Grail's documentation does not say); `executionOrder` changes nothing here.
 */
import { diagnostic } from '../../diagnostics';
import { recordValue } from '../../../grail/values';
import type { Row, Value } from '../../../grail/values';
import { groupKey } from '../group-key';
import { throwIfCancelled } from '../types';
import type { CommandSpec } from './command-spec';
import { fieldNames, groupMembers } from './items';
import { compileJoinKeys } from './join-conditions';
import { collectBlock, planBlock } from './subquery-param';

const EXECUTION_ORDERS = ['auto', 'leftFirst', 'rightFirst'];

export const joinNestedCommand: CommandSpec = {
  name: 'joinNested',
  isSource: false,
  parameters: {
    requiredPositional: 'joinTable',
    maxPositional: 1,
    named: ['on', 'fields', 'executionOrder'],
    unsupportedNamed: ['broadcast'],
  },
  plan(cmd, params, ctx) {
    const table = params.positional[0]?.value;
    if (table && table.type !== 'assign') {
      ctx.report(
        diagnostic('DQL2012', table, ['joinTable', 'a field name for the matches: `name = [fetch …]`']),
      );
      return undefined;
    }
    if (!table) return undefined;
    const block = planBlock(table.value, 'joinTable', ctx);
    const on = params.named.get('on')?.value;
    if (!on) ctx.report(diagnostic('DQL2007', cmd.nameSpan, ['joinNested', 'on']));
    const keys = on ? compileJoinKeys(on, ctx) : undefined;
    const fieldsParam = params.named.get('fields')?.value;
    const selected = fieldsParam ? fieldNames(groupMembers(fieldsParam), 'fields', ctx.report) : undefined;
    const order = params.named.get('executionOrder')?.value;
    if (order && !(order.type === 'field' && EXECUTION_ORDERS.includes(order.name))) {
      ctx.report(diagnostic('DQL2012', order, ['executionOrder', 'auto, leftFirst or rightFirst']));
      return undefined;
    }
    if (!block || !keys || (fieldsParam && !selected)) return undefined;
    const name = table.target.name;
    const nested = (r: Row): Value =>
      recordValue(
        selected ? new Map(selected.flatMap((f) => (r.has(f) ? [[f, r.get(f) as Value]] : []))) : r,
      );
    return {
      run: async function* joinNested(input, exec) {
        const env = { nowNs: exec.nowNs, timezone: exec.timezone };
        const index = new Map<string, Value[]>();
        for (const r of await collectBlock(block, exec)) {
          const key = keys.right.map((k) => k(r, env));
          if (key.includes(null)) continue;
          const id = groupKey(key);
          const list = index.get(id);
          if (list) list.push(nested(r));
          else index.set(id, [nested(r)]);
        }
        for await (const row of input) {
          throwIfCancelled(exec.cancel);
          const key = keys.left.map((k) => k(row, env));
          const hits = key.includes(null) ? [] : (index.get(groupKey(key)) ?? []);
          const out = new Map<string, Value>(row);
          out.set(name, hits);
          yield out;
        }
      },
    };
  },
};
