/**
 * Iterative expressions: `a[]` stands for each element of the array `a` in turn, and the
 * expression around it is evaluated once per element, giving an array (`a[] * 2`). The iterative
 * functions iAny, iSum, iAvg, iMin, iMax and iCollectArray reduce such an expression; iIndex() is
 * the element's index. Arrays iterate pairwise, element i with element i, and arrays of different
 * lengths make the whole expression null (Dynatrace/dynatrace-for-ai, dt-dql-essentials: "If the
 * arrays differ in length the result is null"). ⚠ Chosen where Grail is silent: an iterated value
 * that is not an array makes the whole expression null; the scope of `[]` is the whole expression, or the argument of the iterative
 * function around it, so `arraySum(a[] * 2)` applies arraySum to each element, not to the result.
 */
import type { Row, Value } from '../../../grail/values';
import { compareValues } from '../compare';
import { arithmetic } from '../operators';
import type { EvalEnv } from './function-types';
import { scalarFunctions } from './function-types';

type Evaluator = (row: Row, env: EvalEnv) => Value;

/** Functions whose arguments are iterative scopes of their own. */
export const ITERATIVE_REDUCERS: ReadonlySet<string> = new Set([
  'iany',
  'isum',
  'iavg',
  'imin',
  'imax',
  'icollectarray',
]);

/** `a[]` inside a scope: the element at the scope's current index. */
export function iteratedElement(target: Evaluator): Evaluator {
  return (row, env) => {
    const v = target(row, env);
    const i = env.iterationIndex;
    return Array.isArray(v) && i !== undefined ? ((v as readonly Value[])[i] ?? null) : null;
  };
}

/** The scope's body once per index of its `[]` arrays, as an array; the body as is without `[]`. */
export function iterate(targets: readonly Evaluator[], body: Evaluator): Evaluator {
  if (targets.length === 0) return body;
  return (row, env) => {
    let length: number | undefined;
    for (const t of targets) {
      const v = t(row, env);
      if (!Array.isArray(v) || (length !== undefined && v.length !== length)) return null;
      length = v.length;
    }
    const out: Value[] = [];
    for (let i = 0; i < (length ?? 0); i++) out.push(body(row, { ...env, iterationIndex: i }));
    return out;
  };
}

const elements = (v: Value | undefined): readonly Value[] | undefined =>
  Array.isArray(v) ? (v as readonly Value[]) : undefined;

const isNumber = (v: Value): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';

function extreme(sign: 1 | -1) {
  return (a: readonly (Value | undefined)[]): Value => {
    const xs = elements(a[0]);
    if (!xs) return null;
    let best: Value = null;
    for (const x of xs) if (x !== null && (best === null || sign * compareValues(x, best) > 0)) best = x;
    return best;
  };
}

export const ITERATIVE_FUNCTIONS = scalarFunctions({
  iIndex: (_a, env) => (env.iterationIndex === undefined ? null : BigInt(env.iterationIndex)),
  iAny: (a) => {
    const xs = elements(a[0]);
    return xs ? xs.some((x) => x === true) : null;
  },
  iCollectArray: (a) => elements(a[0]) ?? null,
  iSum: (a) => {
    const xs = elements(a[0])?.filter(isNumber);
    return xs && xs.length > 0 ? xs.reduce<Value>((s, x) => arithmetic('+', s, x), 0n) : null;
  },
  iAvg: (a) => {
    const xs = elements(a[0])?.filter(isNumber);
    return xs && xs.length > 0 ? xs.reduce<number>((s, x) => s + Number(x), 0) / xs.length : null;
  },
  iMin: extreme(-1),
  iMax: extreme(1),
});
