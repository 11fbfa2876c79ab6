/**
 * percentiles(expression, percentile, …), correlation(expression1, expression2) and
 * percentRank(expression, value). ⚠ Chosen where Grail is silent or approximate: percentiles gives
 * percentile()'s exact nearest-rank value for each percentile in the order given; correlation is
 * Pearson's coefficient over the records where both are numbers (null below two such records or
 * when either side has no variance); percentRank is the percentage (0–100) of the non-null values
 * at or below `value`. percentiles' `weight:` is not implemented (reported, not ignored).
 */
import type { Call } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../diagnostics';
import { durationValue, isDuration, isTimestamp, timestampValue } from '../../../grail/values';
import type { Row, Value } from '../../../grail/values';
import { compareValues } from '../compare';
import type { EvalEnv, Evaluator } from '../evaluate';
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

/** Collects the numbers, or the durations/timestamps of the first such kind, of the first argument. */
function sample(b: BoundCall) {
  const x = b.args[0] as Evaluator;
  return () => {
    const numbers: number[] = [];
    const times: bigint[] = [];
    let kind: 'duration' | 'timestamp' | undefined;
    return {
      add(row: Row, env: EvalEnv) {
        const v = x(row, env);
        const n = toNumber(v);
        if (n !== undefined) numbers.push(n);
        else if (isDuration(v) || isTimestamp(v)) {
          kind ??= v.kind;
          if (v.kind === kind) times.push(v.ns);
        }
      },
      numbers,
      times,
      kind: () => kind,
    };
  };
}

function nearestRank<T>(sorted: readonly T[], p: number): T | undefined {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function percentiles(b: BoundCall): (() => Accumulator) | undefined {
  const weight = b.call.args.find((a) => a.type === 'named' && a.name.toLowerCase() === 'weight');
  if (weight) {
    b.report(diagnostic('DQL2009', weight, ['percentiles()', 'weight']));
    return undefined;
  }
  const ranks: number[] = [];
  for (let i = 2; i < b.args.length; i++) {
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
  const create = sample(b);
  return () => {
    const s = create();
    return {
      add: s.add,
      result(): Value {
        if (s.numbers.length > 0) {
          const sorted = s.numbers.sort((x, y) => x - y);
          return ranks.map((p) => nearestRank(sorted, p) ?? null);
        }
        if (s.times.length === 0) return null;
        const sorted = s.times.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        const wrap = s.kind() === 'timestamp' ? timestampValue : durationValue;
        return ranks.map((p) => {
          const t = nearestRank(sorted, p);
          return t === undefined ? null : wrap(t);
        });
      },
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
  correlation,
  percentRank,
};
