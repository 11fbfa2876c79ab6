/**
 * `fieldsSummary field, … [, topValues: n] [, extrapolateSamples: b]` — one record per listed
 * field: `field` (its name), `rawCount` and `count` (records where it is not null) and `values`,
 * an array of `record(value, count)` for its `topValues` most frequent values (default 20), most
 * frequent first, ties in value order. ⚠ The output shape follows the Notebooks facet view; the
 * sandbox never samples, so `extrapolateSamples` changes nothing and `count` equals `rawCount`.
 */
import { diagnostic } from '../../diagnostics';
import { recordValue } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { compareValues } from '../compare';
import { evaluateConstant } from '../evaluate';
import { valueKey } from '../group-key';
import { throwIfCancelled } from '../types';
import type { CommandSpec } from './command-spec';
import { fieldNames } from './items';

const DEFAULT_TOP_VALUES = 20n;
const MAX_TOP_VALUES = 100_000n;

interface Facet {
  total: bigint;
  readonly values: Map<string, { value: Value; count: bigint }>;
}

export const fieldsSummaryCommand: CommandSpec = {
  name: 'fieldsSummary',
  isSource: false,
  parameters: {
    requiredPositional: 'field',
    maxPositional: Number.MAX_SAFE_INTEGER,
    named: ['topValues', 'extrapolateSamples'],
  },
  plan(_cmd, params, ctx) {
    const fields = fieldNames(
      params.positional.map((p) => p.value),
      'fieldsSummary',
      ctx.report,
    );
    const constant = (name: string, check: (v: Value) => boolean, expected: string) => {
      const e = params.named.get(name)?.value;
      if (!e) return { ok: true as const, value: undefined };
      const r = evaluateConstant(e, { nowNs: ctx.nowNs, timezone: ctx.timezone }, ctx.report);
      if (!r.ok) return { ok: false as const };
      if (!check(r.value)) {
        ctx.report(diagnostic('DQL2012', e, [name, expected]));
        return { ok: false as const };
      }
      return { ok: true as const, value: r.value };
    };
    const top = constant(
      'topValues',
      (v) => typeof v === 'bigint' && v >= 1n && v <= MAX_TOP_VALUES,
      'a long from 1 to 100000',
    );
    const extrapolate = constant('extrapolateSamples', (v) => typeof v === 'boolean', 'a boolean');
    if (!fields || !top.ok || !extrapolate.ok) return undefined;
    const topValues = Number(typeof top.value === 'bigint' ? top.value : DEFAULT_TOP_VALUES);
    return {
      run: async function* fieldsSummary(input, exec) {
        const facets = new Map<string, Facet>(fields.map((f) => [f, { total: 0n, values: new Map() }]));
        for await (const row of input) {
          throwIfCancelled(exec.cancel);
          for (const [name, facet] of facets) {
            const v = row.get(name) ?? null;
            if (v === null) continue;
            facet.total++;
            const key = valueKey(v);
            const entry = facet.values.get(key);
            if (entry) entry.count++;
            else facet.values.set(key, { value: v, count: 1n });
          }
        }
        for (const [name, facet] of facets) {
          const ranked = [...facet.values.values()].sort((a, b) =>
            a.count !== b.count ? (a.count > b.count ? -1 : 1) : compareValues(a.value, b.value),
          );
          const values: Value[] = ranked.slice(0, topValues).map((e) =>
            recordValue(
              new Map<string, Value>([
                ['value', e.value],
                ['count', e.count],
              ]),
            ),
          );
          yield new Map<string, Value>([
            ['field', name],
            ['rawCount', facet.total],
            ['count', facet.total],
            ['values', values],
          ]);
        }
      },
    };
  },
};
