/**
 * `makeTimeseries [name =] aggregation, … [, by: {…}] [, interval:] [, bins:] [, from:] [, to:]
 * [, timeframe:] [, time:] [, nonempty:] [, default:] [, rate:]` — one record per group holding,
 * per aggregation, an array with one value per time bin. Bins are multiples of `interval` since the
 * epoch covering the range (from:/to:/timeframe:, else the fetched timeframe, else the records' own
 * span); without `interval:` the shortest step from a fixed ladder that needs at most `bins` (120)
 * bins. A bin without records holds the aggregation's `default:`, else the command's (else null).
 * An aggregation's `rate:` (else the command's) scales each value from its bin's width to that
 * duration (a double; a duration stays one); `scalar: true` gives one value over the whole series
 * timeframe instead of an array, scaled from that timeframe's width.
 * ⚠ Column order (timeframe, interval, by fields, aggregations) and the interval ladder are the
 * sandbox's choices; Grail documents neither. ⚠ A `default:` fills a gap as given, not scaled.
 */
import { canonicalFunctionName } from '../../catalog';
import { diagnostic } from '../../diagnostics';
import { floorDiv } from '../../../grail/timestamp';
import { durationValue, isDuration, isTimestamp, timeframeValue } from '../../../grail/values';
import type { Row, Value } from '../../../grail/values';
import { AggregationSlots } from '../aggregations/aggregate-expression';
import type { Accumulator } from '../aggregations/aggregation-types';
import { compileExpression, evaluateConstant } from '../evaluate';
import type { Evaluator } from '../evaluate';
import { groupKey } from '../group-key';
import { resolveTimeframe } from '../timeframe';
import { throwIfCancelled } from '../types';
import type { PlanningContext, StageShape, TimeframeNs } from '../types';
import type { CommandSpec } from './command-spec';
import { groupMembers, outputItem } from './items';
import { sortGroups } from './summarize';

const S = 1_000_000_000n;
/** Candidate intervals, shortest first. */
const LADDER = [
  1n,
  2n,
  5n,
  10n,
  15n,
  30n,
  60n,
  120n,
  300n,
  600n,
  900n,
  1800n,
  3600n,
  7200n,
  10800n,
  21600n,
  43200n,
  86400n,
  172800n,
  604800n,
].map((s) => s * S);

interface Output {
  readonly name: string;
  readonly slot: number;
  /** Its aggregation's `default:`, else the command's. */
  readonly defaultValue: Value;
  /** Its aggregation's `rate:`, else the command's. */
  readonly rateNs: bigint | undefined;
  readonly scalar: boolean;
}

interface Settings {
  readonly interval: bigint | undefined;
  readonly bins: bigint;
  readonly range: TimeframeNs | undefined;
  readonly nonempty: boolean;
  readonly defaultValue: Value;
  readonly rateNs: bigint | undefined;
}

function constantParam(
  ctx: PlanningContext,
  e: Parameters<typeof evaluateConstant>[0] | undefined,
): Value | undefined | null {
  if (!e) return undefined;
  const r = evaluateConstant(e, { nowNs: ctx.nowNs, timezone: ctx.timezone }, ctx.report);
  return r.ok ? r.value : null;
}

function settings(params: Parameters<CommandSpec['plan']>[1], ctx: PlanningContext): Settings | undefined {
  const get = (n: string) => params.named.get(n)?.value;
  const interval = constantParam(ctx, get('interval'));
  const bins = constantParam(ctx, get('bins'));
  const nonempty = constantParam(ctx, get('nonempty'));
  const fallback = constantParam(ctx, get('default'));
  const rate = constantParam(ctx, get('rate'));
  if (interval === null || bins === null || nonempty === null || fallback === null || rate === null)
    return undefined;
  if (fallback !== undefined && typeof fallback !== 'bigint' && typeof fallback !== 'number') {
    ctx.report(diagnostic('DQL2012', get('default') ?? params.positional[0]!, ['default', 'a number']));
    return undefined;
  }
  if (rate !== undefined && !(isDuration(rate) && rate.ns > 0n)) {
    ctx.report(diagnostic('DQL2012', get('rate') ?? params.positional[0]!, ['rate', 'a positive duration']));
    return undefined;
  }
  if (interval !== undefined && !(isDuration(interval) && interval.ns > 0n)) {
    ctx.report(
      diagnostic('DQL2012', get('interval') ?? params.positional[0]!, ['interval', 'a positive duration']),
    );
    return undefined;
  }
  if (bins !== undefined && !(typeof bins === 'bigint' && bins > 0n)) {
    ctx.report(diagnostic('DQL2012', get('bins') ?? params.positional[0]!, ['bins', 'a positive long']));
    return undefined;
  }
  if (nonempty !== undefined && typeof nonempty !== 'boolean') {
    ctx.report(diagnostic('DQL2012', get('nonempty') ?? params.positional[0]!, ['nonempty', 'a boolean']));
    return undefined;
  }
  let range: TimeframeNs | undefined;
  if (get('from') || get('to') || get('timeframe')) {
    range = resolveTimeframe(
      { from: get('from'), to: get('to'), timeframe: get('timeframe') },
      ctx.nowNs,
      undefined,
      ctx.report,
      ctx.timezone,
    );
    if (!range) return undefined;
  } else range = ctx.analysisTimeframe();
  return {
    interval: interval === undefined ? undefined : (interval as { ns: bigint }).ns,
    bins: bins === undefined ? 120n : (bins as bigint),
    range,
    nonempty: nonempty === true,
    defaultValue: fallback ?? null,
    rateNs: rate === undefined ? undefined : (rate as { ns: bigint }).ns,
  };
}

/** A bin's (or the whole timeframe's) value scaled from `widthNs` to the rate. */
function scaled(v: Value, rateNs: bigint | undefined, widthNs: bigint): Value {
  if (rateNs === undefined || v === null) return v;
  const ratio = Number(rateNs) / Number(widthNs);
  if (typeof v === 'number' || typeof v === 'bigint') return Number(v) * ratio;
  if (isDuration(v)) return durationValue(BigInt(Math.round(Number(v.ns) * ratio)));
  return v;
}

export const makeTimeseriesCommand: CommandSpec = {
  name: 'makeTimeseries',
  isSource: false,
  parameters: {
    requiredPositional: 'aggregation',
    maxPositional: Number.MAX_SAFE_INTEGER,
    named: ['by', 'interval', 'bins', 'from', 'to', 'timeframe', 'time', 'nonempty', 'default', 'rate'],
    unsupportedNamed: ['spread'],
  },
  plan(_cmd, params, ctx) {
    const slots = new AggregationSlots(ctx.nowNs, 'expression timeseries');
    const outputs: { name: string; slot: number }[] = [];
    let ok = true;
    for (const p of params.positional) {
      const item = outputItem(p.value);
      if (item.expr.type !== 'call') {
        ctx.report(diagnostic('DQL2091', item.expr, ['makeTimeseries']));
        ok = false;
        continue;
      }
      const before = slots.aggregations.length;
      const compiled = slots.compile(item.expr, ctx.report);
      if (!compiled) ok = false;
      // Each series is one aggregation itself: an expression around it (round(avg(x))) has no
      // per-bin form here, and must not come back as the bare aggregation.
      else if (!compiled.hasAggregation || slots.calls[before] !== item.expr) {
        ctx.report(diagnostic('DQL2091', item.expr, ['makeTimeseries']));
        ok = false;
      } else outputs.push({ name: item.name, slot: before });
    }
    const keys: { name: string; evaluate: Evaluator }[] = [];
    const by = params.named.get('by')?.value;
    for (const e of by ? groupMembers(by) : []) {
      const item = outputItem(e);
      const evaluate = compileExpression(item.expr, ctx.report);
      if (evaluate) keys.push({ name: item.name, evaluate });
      else ok = false;
    }
    const timeExpr = params.named.get('time')?.value;
    const time = timeExpr
      ? compileExpression(timeExpr, ctx.report)
      : (row: Row) => row.get('timestamp') ?? null;
    const s = settings(params, ctx);
    if (!ok || !time || !s) return undefined;
    const series: Output[] = outputs.map((o) => {
      const agg = slots.aggregations[o.slot]!;
      const rateNs = agg.rateNs ?? s.rateNs;
      const defaultValue = agg.defaultValue ?? s.defaultValue;
      return {
        ...o,
        // Scaled values are doubles: a long default becomes one too, so the array has one type.
        defaultValue:
          rateNs !== undefined && typeof defaultValue === 'bigint' ? Number(defaultValue) : defaultValue,
        rateNs,
        scalar: agg.scalar === true,
      };
    });
    const anyScalar = series.some((o) => o.scalar);
    // Only plain counts, no groups, the time key: storage can count per bin (pushdown.ts).
    const onlyCounts =
      series.every((o) => o.rateNs === undefined && !o.scalar) &&
      params.positional.every((p) => {
        const e = outputItem(p.value).expr;
        return (
          e.type === 'call' &&
          canonicalFunctionName(e.name) === 'count' &&
          e.args.every((a) => a.type === 'named')
        );
      });
    const shape: StageShape | undefined =
      onlyCounts && keys.length === 0 && !timeExpr && s.range
        ? {
            kind: 'timeseriesCount',
            outputs: series.map((o) => ({ name: o.name, defaultValue: o.defaultValue })),
            ...binning(s.range, s),
            nonempty: s.nonempty,
          }
        : undefined;
    return {
      ...(shape ? { shape } : {}),
      run: async function* makeTimeseries(input, exec) {
        const env = { nowNs: exec.nowNs, timezone: exec.timezone };
        const buffered: { row: Row; ns: bigint; key: Value[] }[] = [];
        for await (const row of input) {
          throwIfCancelled(exec.cancel);
          const t = time(row, env);
          if (isTimestamp(t)) buffered.push({ row, ns: t.ns, key: keys.map((k) => k.evaluate(row, env)) });
        }
        const range = s.range ?? dataRange(buffered.map((b) => b.ns));
        if (!range) return; // no records and no timeframe: no series
        const { startNs: start, intervalNs: interval, bins: binCount } = binning(range, s);
        const end = start + BigInt(binCount) * interval;
        const groups = new Map<string, { key: Value[]; bins: Accumulator[][]; whole: Accumulator[] }>();
        const group = (key: Value[]) => {
          const id = groupKey(key);
          let g = groups.get(id);
          if (!g) groups.set(id, (g = { key, bins: Array.from({ length: binCount }, () => []), whole: [] }));
          return g;
        };
        if (s.nonempty && keys.length === 0) group([]);
        for (const b of buffered) {
          if (b.ns < start || b.ns >= end) continue;
          const g = group(b.key);
          const bin = g.bins[Number((b.ns - start) / interval)] as Accumulator[];
          if (bin.length === 0) bin.push(...slots.aggregations.map((a) => a.create()));
          for (const acc of bin) acc.add(b.row, env);
          // Scalar outputs: the same aggregations once over the whole timeframe.
          if (anyScalar) {
            if (g.whole.length === 0) g.whole.push(...slots.aggregations.map((a) => a.create()));
            for (const acc of g.whole) acc.add(b.row, env);
          }
        }
        for (const g of sortGroups([...groups.values()])) {
          const out = new Map<string, Value>([
            ['timeframe', timeframeValue(start, end)],
            ['interval', durationValue(interval)],
          ]);
          keys.forEach((k, i) => out.set(k.name, g.key[i] as Value));
          for (const o of series) {
            const value = (accs: Accumulator[], widthNs: bigint): Value =>
              accs.length === 0
                ? o.defaultValue
                : scaled((accs[o.slot] as Accumulator).result(), o.rateNs, widthNs);
            out.set(
              o.name,
              o.scalar ? value(g.whole, end - start) : g.bins.map((accs) => value(accs, interval)),
            );
          }
          yield out;
        }
      },
    };
  },
};

/** The bins covering a range: multiples of the interval since the epoch. */
function binning(range: TimeframeNs, s: Settings): { startNs: bigint; intervalNs: bigint; bins: number } {
  const intervalNs = s.interval ?? pickInterval(range, s.bins);
  const startNs = floorDiv(range.startNs, intervalNs) * intervalNs;
  const endNs = -floorDiv(-range.endNs, intervalNs) * intervalNs;
  return { startNs, intervalNs, bins: Number((endNs - startNs) / intervalNs) };
}

function dataRange(times: readonly bigint[]): TimeframeNs | undefined {
  if (times.length === 0) return undefined;
  let min = times[0] as bigint;
  let max = min;
  for (const t of times) {
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return { startNs: min, endNs: max + 1n };
}

/** The shortest ladder step that covers the range in at most `bins` bins. */
function pickInterval(range: TimeframeNs, bins: bigint): bigint {
  const span = range.endNs - range.startNs;
  for (const step of LADDER) if (-floorDiv(-span, step) <= bins) return step;
  const last = LADDER[LADDER.length - 1] as bigint;
  return -floorDiv(-span, bins * last) * last;
}
