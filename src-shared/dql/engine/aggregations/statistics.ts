/**
 * percentiles(expression, [weight:,] percentile, …), percentileFromSamples(expression, percentile
 * [, originalCount:]), correlation(expression1, expression2) and percentRank(expression, value).
 * ⚠ Chosen where Grail is silent or approximate: percentiles gives percentile()'s exact
 * nearest-rank value for each percentile in the order given, each value counting its record's
 * `weight:` (records without a number of at least 0 there are left out); percentileFromSamples
 * pools the elements of each record's array, each counting originalCount / array length when
 * `originalCount:` is given (else 1), and takes the same weighted nearest rank; correlation is
 * Pearson's coefficient over the records where both are numbers (null below two such records or
 * when either side has no variance); percentRank is the percentage (0–100) of the non-null values
 * at or below `value`.
 */
import type { Call } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../diagnostics';
import { durationValue, isDuration, isTimestamp, timestampValue } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { compareValues } from '../compare';
import type { Evaluator } from '../evaluate';
import type { Accumulator } from './aggregation-types';

/** The part of functions.ts' bound call these aggregations use. */
interface BoundCall {
  readonly args: readonly (Evaluator | undefined)[];
  constant(i: number, fallback: Value): { ok: true; value: Value } | { ok: false };
  readonly call: Call;
  readonly report: (d: Diagnostic) => void;
}

const toNumber = (v: Value): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;

/** Values with weights: the numbers, or the durations/timestamps of the first such kind. */
function weightedSample() {
  const numbers: [number, number][] = [];
  const times: [bigint, number][] = [];
  let kind: 'duration' | 'timestamp' | undefined;
  return {
    add(v: Value, weight: number): void {
      if (!(weight > 0)) return;
      const n = toNumber(v);
      if (n !== undefined) numbers.push([n, weight]);
      else if (isDuration(v) || isTimestamp(v)) {
        kind ??= v.kind;
        if (v.kind === kind) times.push([v.ns, weight]);
      }
    },
    /** The weighted nearest-rank value per percentile; null when nothing was added. */
    ranked(ranks: readonly number[]): Value[] | null {
      const total = (pairs: readonly [unknown, number][]) => pairs.reduce((sum, [, w]) => sum + w, 0);
      if (numbers.length > 0) {
        numbers.sort((x, y) => x[0] - y[0]);
        const weight = total(numbers);
        return ranks.map((p) => weightedRank(numbers, weight, p) ?? null);
      }
      if (times.length === 0) return null;
      times.sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      const weight = total(times);
      const wrap = kind === 'timestamp' ? timestampValue : durationValue;
      return ranks.map((p) => {
        const t = weightedRank(times, weight, p);
        return t === undefined ? null : wrap(t);
      });
    },
  };
}

/**
 * The first value whose cumulative weight reaches p% of the total: with weights of 1, the
 * nearest rank (the ⌈p/100 · n⌉-th value).
 */
function weightedRank<T>(sorted: readonly [T, number][], total: number, p: number): T | undefined {
  // Sums of fractional weights round: a hair below the target still reaches it.
  const target = (p / 100) * total * (1 - 1e-12);
  let cumulative = 0;
  for (const [v, w] of sorted) {
    cumulative += w;
    if (cumulative >= target) return v;
  }
  return sorted[sorted.length - 1]?.[0];
}

/** Constant percentiles of slots `from`…, each between 0 and 100; undefined after a report. */
function percentileRanks(b: BoundCall, from: number, to = b.args.length): number[] | undefined {
  const ranks: number[] = [];
  for (let i = from; i < to; i++) {
    const c = b.constant(i, null);
    if (!c.ok) return undefined;
    const p = toNumber(c.value);
    if (p === undefined || !(p >= 0 && p <= 100)) {
      b.report(
        diagnostic('DQL2012', b.call.args[i - 1] ?? b.call, ['percentile', 'a number between 0 and 100']),
      );
      return undefined;
    }
    ranks.push(p);
  }
  return ranks;
}

function percentiles(b: BoundCall): (() => Accumulator) | undefined {
  const ranks = percentileRanks(b, 2);
  if (!ranks) return undefined;
  const x = b.args[0] as Evaluator;
  const weight = b.args[1];
  return () => {
    const s = weightedSample();
    return {
      add(row, env) {
        const w = weight ? toNumber(weight(row, env)) : 1;
        if (w !== undefined) s.add(x(row, env), w);
      },
      result: () => s.ranked(ranks),
    };
  };
}

function percentileFromSamples(b: BoundCall): (() => Accumulator) | undefined {
  const ranks = percentileRanks(b, 1, 2);
  if (!ranks) return undefined;
  const x = b.args[0] as Evaluator;
  const originalCount = b.args[2];
  return () => {
    const s = weightedSample();
    return {
      add(row, env) {
        const samples = x(row, env);
        if (!Array.isArray(samples) || samples.length === 0) return;
        const count = originalCount ? toNumber(originalCount(row, env)) : samples.length;
        if (count === undefined) return;
        for (const v of samples as readonly Value[]) s.add(v, count / samples.length);
      },
      result: () => s.ranked(ranks)?.[0] ?? null,
    };
  };
}

function correlation(b: BoundCall): () => Accumulator {
  const x = b.args[0] as Evaluator;
  const y = b.args[1] as Evaluator;
  return () => {
    // Welford-style co-moments: stable for large offsets.
    let n = 0;
    let mx = 0;
    let my = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    return {
      add(row, env) {
        const a = toNumber(x(row, env));
        const c = toNumber(y(row, env));
        if (a === undefined || c === undefined) return;
        n++;
        const dx = a - mx;
        const dy = c - my;
        mx += dx / n;
        my += dy / n;
        sxx += dx * (a - mx);
        syy += dy * (c - my);
        sxy += dx * (c - my);
      },
      result: () => (n < 2 || sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy)),
    };
  };
}

/** Values percentRank compares: numbers with numbers, otherwise the same type only. */
function comparable(a: Value, b: Value): boolean {
  if (toNumber(a) !== undefined) return toNumber(b) !== undefined;
  if (isDuration(a) || isTimestamp(a)) return (isDuration(b) || isTimestamp(b)) && a.kind === b.kind;
  return typeof a === typeof b && typeof a !== 'object';
}

function percentRank(b: BoundCall): (() => Accumulator) | undefined {
  const x = b.args[0] as Evaluator;
  const c = b.constant(1, null);
  if (!c.ok) return undefined;
  const threshold = c.value;
  return () => {
    let total = 0;
    let atOrBelow = 0;
    return {
      add(row, env) {
        const v = x(row, env);
        if (v === null || threshold === null || !comparable(v, threshold)) return;
        total++;
        if (compareValues(v, threshold) <= 0) atOrBelow++;
      },
      result: () => (total === 0 ? null : (100 * atOrBelow) / total),
    };
  };
}

export const STATISTICS_AGGREGATIONS: Readonly<
  Record<string, (b: BoundCall) => (() => Accumulator) | undefined>
> = {
  percentiles,
  percentileFromSamples,
  correlation,
  percentRank,
};
