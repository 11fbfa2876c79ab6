/**
 * `fetch <dataObject> [, from:] [, to:] [, timeframe:] [, scanLimitGBytes:]` — reads a Grail table,
 * newest records first (as Grail's fetch returns them). Only `bizevents` is stored by the sandbox;
 * other event tables (`logs`, `spans`, …) are empty, and entity/metric data objects are not
 * available at all.
 */
import { isKnownDataObject } from '../../catalog';
import { diagnostic } from '../../diagnostics';
import { scanStage } from '../scan-stage';
import { noRows } from '../types';
import { resolveTimeframe } from '../timeframe';
import type { CommandSpec } from './command-spec';

export const STORED_DATA_OBJECTS: ReadonlySet<string> = new Set(['bizevents']);

/** What an unavailable data object holds, or undefined when the sandbox can answer (maybe empty). */
function unavailableDataObject(table: string): string | undefined {
  if (table === 'metrics') return 'metrics';
  if (table.startsWith('dt.entity.')) return 'monitored entities';
  return undefined;
}

export const fetchCommand: CommandSpec = {
  name: 'fetch',
  isSource: true,
  parameters: {
    requiredPositional: 'dataObject',
    maxPositional: 1,
    // scanLimitGBytes is accepted and has no effect: the sandbox always scans everything in range.
    named: ['from', 'to', 'timeframe', 'scanLimitGBytes'],
    unsupportedNamed: ['bucket', 'samplingRatio'],
  },
  plan(cmd, params, ctx) {
    const target = params.positional[0]?.value;
    if (!target || target.type !== 'field') {
      if (target)
        ctx.report(diagnostic('DQL2012', target, ['dataObject', 'a data object name such as `bizevents`']));
      return undefined;
    }
    const table = target.name;
    if (!isKnownDataObject(table)) {
      ctx.report(diagnostic('DQL2005', target, [table]));
      return undefined;
    }
    const unavailable = unavailableDataObject(table);
    if (unavailable) {
      ctx.report(diagnostic('DQL2090', target, [`fetch ${table}`, unavailable]));
      return undefined;
    }
    const timeframe = resolveTimeframe(
      {
        from: params.named.get('from')?.value,
        to: params.named.get('to')?.value,
        timeframe: params.named.get('timeframe')?.value,
      },
      ctx.nowNs,
      ctx.defaultTimeframe,
      ctx.report,
    );
    if (!timeframe) return undefined;
    ctx.addTable(table);
    ctx.setAnalysisTimeframe(timeframe);
    if (!STORED_DATA_OBJECTS.has(table)) return { run: noRows };
    // Run alone (pushdown off), the scan has fetch's own order and no limit; the planner may
    // replace it with a scan that also does the following limit/sort (pushdown.ts).
    return {
      run: scanStage({ table, timeframe, order: 'desc', limit: undefined, readsAll: false }, false),
      shape: { kind: 'scan', table, timeframe },
    };
  },
};
