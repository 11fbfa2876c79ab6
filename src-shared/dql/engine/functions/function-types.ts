/**
 * The shape of a scalar function implementation. Arguments arrive bound against the catalogue
 * signature (bind.ts): one slot per catalogue parameter in catalogue order, `undefined` where an
 * optional one was not given, and a variadic last parameter spread over the remaining slots.
 * Implementations never throw; "not applicable" is null (reference §1.5).
 */
import type { Timezone } from '../../../grail/timestamp';
import type { Value } from '../../../grail/values';

export interface EvalEnv {
  /** now() — the query start, fixed for the whole query. */
  readonly nowNs: bigint;
  /** The request's timezone: the calendar of `@` alignment and calendar durations (default UTC). */
  readonly timezone?: Timezone;
  /** Results of `in [sub-query]` blocks, collected by the stage before its first record. */
  readonly subqueries?: ReadonlyMap<object, ReadonlySet<string>>;
  /** Inside an iterative expression (`a[] * 2`): the element index being evaluated. */
  readonly iterationIndex?: number;
}

export type Args = readonly (Value | undefined)[];

export interface ScalarFunction {
  /** Catalogue name (canonical spelling). */
  readonly name: string;
  readonly fn: (args: Args, env: EvalEnv) => Value;
}

/** Declares functions of one category: name → implementation. */
export function scalarFunctions(
  impls: Readonly<Record<string, (args: Args, env: EvalEnv) => Value>>,
): ScalarFunction[] {
  return Object.entries(impls).map(([name, fn]) => ({ name, fn }));
}

/** The argument in slot i, or `fallback` when it was not given. */
export function arg(args: Args, i: number, fallback: Value = null): Value {
  const v = args[i];
  return v === undefined ? fallback : v;
}

export const str = (v: Value | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
export const long = (v: Value | undefined): bigint | undefined => (typeof v === 'bigint' ? v : undefined);
export const bool = (v: Value | undefined): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
export const num = (v: Value | undefined): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;

/** A double rounded to an integer, or undefined when it is not finite (BigInt() would throw). */
export function roundedBigInt(x: number): bigint | undefined {
  return Number.isFinite(x) ? BigInt(Math.round(x)) : undefined;
}
