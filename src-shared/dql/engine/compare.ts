/**
 * Value ordering and equality (reference §1.5). `compareValues` is a total order used by `sort`;
 * `compareForOperator` is the partial order of `<`/`>` (null when not applicable).
 */
import { isDuration, isRecord, isTimeframe, isTimestamp } from '../../grail/values';
import type { Value } from '../../grail/values';

/** long vs double without losing int64 precision; NaN sorts above everything (as Java's Double.compare). */
function compareBigNumber(b: bigint, d: number): number {
  if (Number.isNaN(d) || d === Infinity) return -1;
  if (d === -Infinity) return 1;
  const floor = Math.floor(d);
  const bf = BigInt(floor);
  if (b < bf) return -1;
  if (b > bf) return 1;
  return d > floor ? -1 : 0;
}

function compareNumbers(a: number | bigint, b: number | bigint): number {
  if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'bigint') return compareBigNumber(a, b as number);
  if (typeof b === 'bigint') return -compareBigNumber(b, a);
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ⚠ Cross-type order for `sort` over mixed columns (Grail's is undocumented); nulls handled by callers. */
function typeRank(v: Value): number {
  if (typeof v === 'boolean') return 1;
  if (typeof v === 'number' || typeof v === 'bigint') return 2;
  if (typeof v === 'string') return 3;
  if (isTimestamp(v)) return 4;
  if (isDuration(v)) return 5;
  if (isTimeframe(v)) return 6;
  if (Array.isArray(v)) return 7;
  if (isRecord(v)) return 8;
  return 0;
}

/** Total order over non-null values; null compares after everything. */
export function compareValues(a: Value, b: Value): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra - rb;
  if (typeof a === 'boolean') return Number(a) - Number(b as boolean);
  if (typeof a === 'number' || typeof a === 'bigint') return compareNumbers(a, b as number | bigint);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (isTimestamp(a) || isDuration(a)) {
    const x = a.ns;
    const y = (b as typeof a).ns;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (isTimeframe(a) && isTimeframe(b)) {
    const c = a.startNs < b.startNs ? -1 : a.startNs > b.startNs ? 1 : 0;
    return c !== 0 ? c : a.endNs < b.endNs ? -1 : a.endNs > b.endNs ? 1 : 0;
  }
  if (Array.isArray(a)) {
    const bArr = b as readonly Value[];
    for (let i = 0; i < Math.min(a.length, bArr.length); i++) {
      const c = compareValues(a[i] as Value, bArr[i] as Value);
      if (c !== 0) return c;
    }
    return a.length - bArr.length;
  }
  if (isRecord(a) && isRecord(b)) {
    const ea = [...a.fields];
    const eb = [...b.fields];
    for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
      const [ka, va] = ea[i] as [string, Value];
      const [kb, vb] = eb[i] as [string, Value];
      if (ka !== kb) return ka < kb ? -1 : 1;
      const c = compareValues(va, vb);
      if (c !== 0) return c;
    }
    return ea.length - eb.length;
  }
  return 0;
}

/** `<`/`>` semantics: numbers cross-compare; string, timestamp, duration only with the same type. */
export function compareForOperator(a: Value, b: Value): number | null {
  if (a === null || b === null) return null;
  const numeric = (v: Value): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';
  if (numeric(a) && numeric(b)) {
    if ((typeof a === 'number' && Number.isNaN(a)) || (typeof b === 'number' && Number.isNaN(b))) return null;
    return compareNumbers(a, b);
  }
  if (typeof a === 'string' && typeof b === 'string') return compareValues(a, b);
  if ((isTimestamp(a) && isTimestamp(b)) || (isDuration(a) && isDuration(b))) return compareValues(a, b);
  return null;
}

/** `==` semantics: null if either side is null; false for incomparable types; deep for arrays/records. */
export function equalsForOperator(a: Value, b: Value): boolean | null {
  if (a === null || b === null) return null;
  return deepEqual(a, b);
}

function deepEqual(a: Value, b: Value): boolean {
  const numeric = (v: Value): v is number | bigint => typeof v === 'number' || typeof v === 'bigint';
  if (numeric(a) && numeric(b))
    return compareNumbers(a, b) === 0 && !(typeof a === 'number' && Number.isNaN(a));
  if (typeRank(a) !== typeRank(b)) return false;
  if (Array.isArray(a) || isRecord(a) || isTimeframe(a)) return compareValues(a, b) === 0;
  if (isTimestamp(a) || isDuration(a)) return a.ns === (b as typeof a).ns;
  return a === b;
}
