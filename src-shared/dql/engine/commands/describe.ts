/**
 * `describe dataObject` — the fields of a data object, one record each, sorted by name: `field`
 * and `data_types`, the DQL types its stored values have (sorted; `null` only for a field that is
 * never anything else). Grail describes the on-read schema it defines; the sandbox has no schema
 * beyond the stored events, so ⚠ it reads every stored record of the data object (all time) to
 * derive one. Data objects it does not store describe as no fields, as `fetch` finds no records.
 */
import { isKnownDataObject } from '../../catalog';
import { diagnostic } from '../../diagnostics';
import { LONG_MAX, LONG_MIN, typeOfValue } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { throwIfCancelled } from '../types';
import type { CommandSpec } from './command-spec';
import { STORED_DATA_OBJECTS } from './fetch';

export const describeCommand: CommandSpec = {
  name: 'describe',
  isSource: true,
  parameters: { requiredPositional: 'dataObject', maxPositional: 1, named: [] },
  plan(_cmd, params, ctx) {
    const target = params.positional[0]?.value;
    if (target?.type !== 'field') {
      if (target)
        ctx.report(diagnostic('DQL2012', target, ['dataObject', 'a data object name such as `bizevents`']));
      return undefined;
    }
    const table = target.name;
    if (!isKnownDataObject(table)) {
      ctx.report(diagnostic('DQL2005', target, [table]));
      return undefined;
    }
    if (table === 'metrics' || table.startsWith('dt.entity.')) {
      const reads = table === 'metrics' ? 'metrics' : 'monitored entities';
      ctx.report(diagnostic('DQL2090', target, [`describe ${table}`, reads]));
      return undefined;
    }
    ctx.addTable(table);
    const stored = STORED_DATA_OBJECTS.has(table);
    return {
      run: async function* describe(_input, exec) {
        if (!stored) return;
        const types = new Map<string, Set<string>>();
        const request = { table, timeframe: { startNs: LONG_MIN, endNs: LONG_MAX } };
        for await (const record of exec.source.scan(request)) {
          throwIfCancelled(exec.cancel);
          exec.stats.scannedRecords += 1;
          exec.stats.scannedBytes += record.bytes;
          for (const [name, v] of record.row) {
            let seen = types.get(name);
            if (!seen) types.set(name, (seen = new Set()));
            seen.add(typeOfValue(v));
          }
        }
        for (const name of [...types.keys()].sort()) {
          const seen = types.get(name) as Set<string>;
          if (seen.size > 1) seen.delete('null');
          const dataTypes: Value[] = [...seen].sort();
          yield new Map<string, Value>([
            ['field', name],
            ['data_types', dataTypes],
          ]);
        }
      },
    };
  },
};
