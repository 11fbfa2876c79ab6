/**
 * The scalar functions the evaluator implements, by lower-case name. Which catalogue overload a
 * call means (scalar, aggregation, time series) is decided in evaluate.ts.
 */
import { CONDITIONAL_FUNCTIONS } from './conditional';
import { CONVERSION_FUNCTIONS } from './conversion';
import { CREATE_FUNCTIONS } from './create';
import type { ScalarFunction } from './function-types';
import { MATH_FUNCTIONS } from './math';
import { STRING_FUNCTIONS } from './string';
import { TIME_FUNCTIONS } from './time';

const ALL: readonly ScalarFunction[] = [
  ...STRING_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...CONDITIONAL_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...TIME_FUNCTIONS,
  ...CREATE_FUNCTIONS,
];

const BY_NAME: ReadonlyMap<string, ScalarFunction> = new Map(ALL.map((f) => [f.name.toLowerCase(), f]));

export function findScalarFunction(name: string): ScalarFunction | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Names evaluate.ts compiles itself because they need more than argument values. */
export const SPECIAL_FORMS: ReadonlySet<string> = new Set(['exists', 'record']);
