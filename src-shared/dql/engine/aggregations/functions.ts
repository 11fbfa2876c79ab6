/**
 * The aggregation functions, compiled from a call against its catalogue signature. Return types
 * follow the catalogue: count → long, sum/avg → double (duration for durations), min/max keep the
 * input type. ⚠ Where Grail is approximate or unordered (countDistinct, collectDistinct, percentile)
 * the sandbox is exact and keeps first-seen order; takeFirst/takeLast skip nulls.
 */
import type { Call, Expression } from '../../ast';
import type { FunctionSpec } from '../../catalog';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../diagnostics';
import { durationValue, isDuration, isTimestamp, timestampValue } from '../../../grail/values';
import type { Row, Value } from '../../../grail/values';
import { compareValues } from '../compare';
import { compileExpression, evaluateConstant } from '../evaluate';
import type { EvalEnv, Evaluator } from '../evaluate';
import { bindArguments } from '../functions/bind';
import { valueKey } from '../group-key';
import type { Accumulator, Aggregation } from './aggregation-types';
import { STATISTICS_AGGREGATIONS } from './statistics';

type Report = (d: Diagnostic) => void;

interface Bound {
  /** Compiled argument per catalogue slot. */
  readonly args: readonly (Evaluator | undefined)[];
  /** A constant argument's value (percentile's p, maxLength, expand), or `fallback` when absent. */
  constant(i: number, fallback: Value): { ok: true; value: Value } | { ok: false };
  readonly call: Call;
  readonly report: Report;
}

type Impl = (b: Bound) => (() => Accumulator) | undefined;

/** An accumulator over one argument's non-null values. */
function overValues(
  b: Bound,
  init: () => { add(v: Exclude<Value, null>): void; result(): Value },
): () => Accumulator {
  const x = b.args[0] as Evaluator;
  return () => {
    const s = init();
    return {
      add(row: Row, env: EvalEnv) {
        const v = x(row, env);
        if (v !== null) s.add(v);
      },
      result: () => s.result(),
    };
  };
}

/**
 * sum/avg: longs summed exactly, then numbers give a double; durations sum as nanoseconds to a
 * duration; any other type, or numbers mixed with durations, give null ("If you mix types, the
 * result is null", docs.dynatrace.com, aggregation functions).
 */
function numericState(average: boolean) {
  return () => {
    let longs = 0n;
    let doubles = 0;
    let numbers = 0;
    let durations = 0n;
    let durationCount = 0;
    let mixed = false;
    return {
      add(v: Exclude<Value, null>) {
        if (typeof v === 'bigint') {
          longs += v;
          numbers++;
        } else if (typeof v === 'number') {
          doubles += v;
          numbers++;
        } else if (isDuration(v)) {
          durations += v.ns;
          durationCount++;
        } else mixed = true;
      },
      result(): Value {
        if (mixed || (numbers > 0 && durationCount > 0)) return null;
        if (numbers > 0) {
          const sum = Number(longs) + doubles;
          return average ? sum / numbers : sum;
        }
        if (durationCount > 0) return durationValue(average ? durations / BigInt(durationCount) : durations);
        return null;
      },
    };
  };
}

/** takeMin/takeMax: the extreme value of any types, in the evaluator's cross-type order. */
function taken(sign: 1 | -1) {
  return () => {
    let best: Value = null;
    return {
      add(v: Exclude<Value, null>) {
        if (best === null || sign * compareValues(v, best) > 0) best = v;
      },
      result: () => best,
    };
  };
}

/** The kinds min/max order; long and double are one (numbers). */
function orderKind(v: Exclude<Value, null>): string | undefined {
  if (typeof v === 'bigint' || typeof v === 'number') return 'number';
  if (typeof v === 'string' || typeof v === 'boolean') return typeof v;
  if (isDuration(v) || isTimestamp(v)) return v.kind;
  return undefined;
}

/**
 * min/max over numbers, durations, timestamps, strings or booleans; a mix of kinds (other than
 * long with double) or any other type gives null, and longs mixed with doubles give a double
 * (docs.dynatrace.com, aggregation functions: min(b)/max(b) of 2, [1, 2, 3], "…", 5m is null).
 */
function extreme(sign: 1 | -1) {
  return () => {
    let best: Value = null;
    let kind: string | undefined;
    let mixed = false;
    let doubles = false;
    return {
      add(v: Exclude<Value, null>) {
        const k = orderKind(v);
        if (k === undefined || (kind !== undefined && k !== kind)) mixed = true;
        kind ??= k;
        if (typeof v === 'number') doubles = true;
        if (best === null || sign * compareValues(v, best) > 0) best = v;
      },
      result: (): Value => (mixed ? null : doubles && typeof best === 'bigint' ? Number(best) : best),
    };
  };
}

/**
 * collectArray / collectDistinct: maxLength caps the array, expand flattens array values — nested
 * arrays too: the docs (docs.dynatrace.com, aggregation functions) collect 2, [3, 7], [7], [[1]]
 * with expand: true as [2, 3, 7, 7, 1].
 */
function collect(b: Bound, distinct: boolean): (() => Accumulator) | undefined {
  const max = b.constant(1, null);
  const expand = b.constant(2, false);
  if (!max.ok || !expand.ok) return undefined;
  const limit = typeof max.value === 'bigint' ? Number(max.value) : Infinity;
  const flat = expand.value === true;
  return overValues(b, () => {
    const seen = new Set<string>();
    const out: Value[] = [];
    const push = (v: Value): void => {
      if (v === null || out.length >= limit) return;
      if (distinct) {
        const k = valueKey(v);
        if (seen.has(k)) return;
        seen.add(k);
      }
      out.push(v);
    };
    const add = (v: Value): void =>
      flat && Array.isArray(v) ? (v as readonly Value[]).forEach(add) : push(v);
    // No value collected (no records, or only nulls ⚠): null, as the docs' summarize over no
    // records shows for collectArray (docs.dynatrace.com, aggregation commands, example 3).
    return { add, result: () => (out.length === 0 ? null : out) };
  });
}

/** ⚠ Exact nearest-rank percentile (Grail estimates); numbers give double. */
function percentileOf(b: Bound, fixed: number | undefined): (() => Accumulator) | undefined {
  let p = fixed;
  if (p === undefined) {
    const c = b.constant(1, null);
    if (!c.ok) return undefined;
    const n = typeof c.value === 'bigint' ? Number(c.value) : typeof c.value === 'number' ? c.value : NaN;
    if (!(n >= 0 && n <= 100)) {
      b.report(diagnostic('DQL2012', b.call.args[1] ?? b.call, ['percentile', 'a number between 0 and 100']));
      return undefined;
    }
    p = n;
  }
  const rank = p;
  return overValues(b, () => {
    const numbers: number[] = [];
    const times: bigint[] = [];
    let kind: 'duration' | 'timestamp' | undefined;
    return {
      add(v) {
        if (typeof v === 'number' || typeof v === 'bigint') numbers.push(Number(v));
        else if (isDuration(v) || isTimestamp(v)) {
          kind ??= v.kind;
          if (v.kind === kind) times.push(v.ns);
        }
      },
      result(): Value {
        const pick = <T>(sorted: T[]): T | undefined =>
          sorted[Math.max(0, Math.ceil((rank / 100) * sorted.length) - 1)];
        if (numbers.length > 0) return pick(numbers.sort((x, y) => x - y)) ?? null;
        const t = pick(times.sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
        if (t === undefined) return null;
        return kind === 'timestamp' ? timestampValue(t) : durationValue(t);
      },
    };
  });
}

/** ⚠ Population variance (divides by n); Grail does not document which. */
function varianceOf(b: Bound, sqrt: boolean): () => Accumulator {
  return overValues(b, () => {
    let n = 0;
    let mean = 0;
    let m2 = 0;
    return {
      add(v) {
        if (typeof v !== 'number' && typeof v !== 'bigint') return;
        const x = Number(v);
        n++;
        const d = x - mean;
        mean += d / n;
        m2 += d * (x - mean);
      },
      result: () => (n === 0 ? null : sqrt ? Math.sqrt(m2 / n) : m2 / n),
    };
  });
}

function takeOne(b: Bound, last: boolean): () => Accumulator {
  return overValues(b, () => {
    let taken: Value = null;
    return {
      add(v) {
        if (last || taken === null) taken = v;
      },
      result: () => taken,
    };
  });
}

const IMPLS: Readonly<Record<string, Impl>> = {
  count: () => () => {
    let n = 0n;
    return { add: () => void n++, result: () => n };
  },
  countIf: (b) => {
    const cond = b.args[0] as Evaluator;
    return () => {
      let n = 0n;
      return {
        add(row, env) {
          if (cond(row, env) === true) n++;
        },
        result: () => n,
      };
    };
  },
  sum: (b) => overValues(b, numericState(false)),
  avg: (b) => overValues(b, numericState(true)),
  min: (b) => overValues(b, extreme(-1)),
  max: (b) => overValues(b, extreme(1)),
  takeMin: (b) => overValues(b, taken(-1)),
  takeMax: (b) => overValues(b, taken(1)),
  takeFirst: (b) => takeOne(b, false),
  takeAny: (b) => takeOne(b, false),
  takeLast: (b) => takeOne(b, true),
  countDistinct: (b) => countDistinct(b),
  countDistinctExact: (b) => countDistinct(b),
  countDistinctApprox: (b) => countDistinct(b),
  collectDistinct: (b) => collect(b, true),
  collectArray: (b) => collect(b, false),
  percentile: (b) => percentileOf(b, undefined),
  median: (b) => percentileOf(b, 50),
  variance: (b) => varianceOf(b, false),
  stddev: (b) => varianceOf(b, true),
  ...STATISTICS_AGGREGATIONS,
};

function countDistinct(b: Bound): () => Accumulator {
  return overValues(b, () => {
    const seen = new Set<string>();
    return { add: (v) => void seen.add(valueKey(v)), result: () => BigInt(seen.size) };
  });
}

/** Compiles an aggregation call; undefined when a problem was reported. */
export function compileAggregation(
  call: Call,
  spec: FunctionSpec,
  report: Report,
  nowNs: bigint,
): Aggregation | undefined {
  const impl = IMPLS[spec.name];
  if (!impl) {
    report(diagnostic('DQL2014', call.nameSpan, [spec.name]));
    return undefined;
  }
  const slots = bindArguments(call, spec, report);
  if (!slots) return undefined;
  let ok = true;
  const args = slots.map((s: Expression | undefined) => {
    if (s === undefined) return undefined;
    const ev = compileExpression(s, report);
    if (!ev) ok = false;
    return ev;
  });
  if (!ok) return undefined;
  const bound: Bound = {
    args,
    call,
    report,
    constant(i, fallback) {
      const s = slots[i];
      return s === undefined ? { ok: true, value: fallback } : evaluateConstant(s, { nowNs }, report);
    },
  };
  const constantOf = (name: string): { ok: true; value: Value; at?: Expression } | { ok: false } => {
    const i = spec.params.findIndex((p) => p.name === name);
    if (i < 0 || slots[i] === undefined) return { ok: true, value: null };
    const r = bound.constant(i, null);
    return r.ok ? { ...r, at: slots[i] } : r;
  };
  const fallback = constantOf('default');
  const rate = constantOf('rate');
  const scalar = constantOf('scalar');
  if (!fallback.ok || !rate.ok || !scalar.ok) return undefined;
  if (rate.at && !(isDuration(rate.value) && rate.value.ns > 0n)) {
    report(diagnostic('DQL2012', rate.at, ['rate', 'a positive duration']));
    return undefined;
  }
  if (scalar.at && typeof scalar.value !== 'boolean') {
    report(diagnostic('DQL2012', scalar.at, ['scalar', 'a boolean']));
    return undefined;
  }
  const create = impl(bound);
  if (!create) return undefined;
  return {
    name: spec.name,
    defaultValue: fallback.value,
    ...(isDuration(rate.value) ? { rateNs: rate.value.ns } : {}),
    ...(scalar.value === true ? { scalar: true } : {}),
    create,
  };
}
