/**
 * Array functions over neighbouring elements: arrayDiff (element minus the one before; the first
 * element null), arrayDelta and the moving-window aggregates arrayMovingSum/Avg/Min/Max (each
 * element's window is itself and the windowSize − 1 before it). Elements that are not numbers
 * count as null. ⚠ Grail does not say how nulls inside a window count: they are skipped, and a
 * window of nulls gives null; a difference of arrayDiff with a null side is null.
 *
 * arrayDelta is documented apart from arrayDiff (docs.dynatrace.com, DQL array functions): each
 * element is the difference from the previous non-null element when positive, otherwise 0; null
 * elements are skipped; the first element is null — `array(2, 3, 7, 7, 1)` gives
 * `[null, 1, 4, 0, 0]`. ⚠ A skipped null keeps its place as null (the docs do not show one).
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
  const xs = numbers(a[0]);
  if (!xs) return null;
  return xs.map((x, i) => {
    const prev = i === 0 ? null : (xs[i - 1] ?? null);
    return x === null || prev === null ? null : arithmetic('-', x, prev);
  });
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
