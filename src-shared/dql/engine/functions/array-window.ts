/**
 * Array functions over neighbouring elements: arrayDiff, arrayDelta and the moving-window
 * aggregates arrayMovingSum/Avg/Min/Max (each element's window is itself and the windowSize − 1
 * before it), as the DQL array functions page (docs.dynatrace.com) documents them:
 *
 * - arrayDiff: `result[i] = array[i] - array[i - 1]`, the first element null, for numbers,
 *   timestamps and durations — `array(now(), now()+1h, now())` gives `[null, 1h, -1h]`; a null or
 *   a pair DQL cannot subtract gives null (`array(2, 3, 1h, now(), 1h, 2h)` gives
 *   `[null, 1, null, now()-1h, null, 1h]`).
 * - arrayDelta: the difference from the previous non-null element when positive, otherwise 0; null
 *   elements are skipped; the first element is null — `array(2, 3, 7, 7, 1)` gives
 *   `[null, 1, 4, 0, 0]`. ⚠ A skipped null keeps its place as null (the docs do not show one).
 * - moving windows skip nulls (`array(2, null, 7, null, 1)` with window 2 sums to
 *   `[2, 2, 7, 7, 1]`); an element that is neither a number nor null makes the whole result null
 *   (`array(2, "3", 7, 7, 1)` gives null). ⚠ A window of nulls only gives null (not shown).
 */
import type { Value } from '../../../grail/values';
import { arithmetic } from '../operators';
import type { Args } from './function-types';
import { long, scalarFunctions } from './function-types';

type Num = number | bigint;

const numeric = (v: Value | undefined): Num | null =>
  typeof v === 'number' || typeof v === 'bigint' ? v : null;

function numbers(v: Value | undefined): (Num | null)[] | undefined {
  return Array.isArray(v) ? (v as readonly Value[]).map(numeric) : undefined;
}

function diff(a: Args): Value {
  if (!Array.isArray(a[0])) return null;
  const xs = a[0] as readonly Value[];
  return xs.map((x, i) => (i === 0 ? null : arithmetic('-', x, xs[i - 1] ?? null)));
}

/** arrayDelta: the rise from the previous non-null number, 0 for a fall; nulls stay null. */
function delta(a: Args): Value {
  const xs = numbers(a[0]);
  if (!xs) return null;
  let prev: Num | null = null;
  return xs.map((x) => {
    if (x === null) return null;
    const d = prev === null ? null : arithmetic('-', x, prev);
    prev = x;
    if (typeof d === 'bigint') return d > 0n ? d : 0n;
    if (typeof d === 'number') return d > 0 ? d : 0;
    return null;
  });
}

function moving(reduce: (window: Num[]) => Value) {
  return (a: Args): Value => {
    const xs = numbers(a[0]);
    const size = long(a[1]);
    if (!xs || size === undefined || size <= 0n) return null;
    if ((a[0] as readonly Value[]).some((x) => x !== null && numeric(x) === null)) return null;
    const n = size > BigInt(xs.length) ? xs.length : Number(size);
    return xs.map((_, i) => {
      const window = xs.slice(Math.max(0, i - n + 1), i + 1).filter((x): x is Num => x !== null);
      return window.length === 0 ? null : reduce(window);
    });
  };
}

const sum = (w: Num[]): Value => w.reduce<Value>((s, x) => arithmetic('+', s, x), 0n);
const pick =
  (better: (x: number, y: number) => boolean) =>
  (w: Num[]): Value =>
    w.reduce((best, x) => (better(Number(x), Number(best)) ? x : best));

export const ARRAY_WINDOW_FUNCTIONS = scalarFunctions({
  arrayDiff: diff,
  arrayDelta: delta,
  arrayMovingSum: moving(sum),
  arrayMovingAvg: moving((w) => {
    const s = sum(w);
    return typeof s === 'number' || typeof s === 'bigint' ? Number(s) / w.length : null;
  }),
  arrayMovingMin: moving(pick((x, y) => x < y)),
  arrayMovingMax: moving(pick((x, y) => x > y)),
});
