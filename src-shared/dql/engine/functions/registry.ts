/**
 * The scalar functions the evaluator implements, by lower-case name. Which catalogue overload a
 * call means (scalar, aggregation, time series) is decided in evaluate.ts.
 */
import { ARRAY_STATS_FUNCTIONS } from './array-stats';
import { ARRAY_WINDOW_FUNCTIONS } from './array-window';
import { BITWISE_FUNCTIONS } from './bitwise';
import { CONDITIONAL_FUNCTIONS } from './conditional';
import { CONVERSION_FUNCTIONS } from './conversion';
import { CREATE_FUNCTIONS } from './create';
import { ENCODING_FUNCTIONS } from './encoding';
import { ESCAPE_FUNCTIONS } from './escape';
import { GENERAL_FUNCTIONS } from './general';
import { HASH_FUNCTIONS } from './hash';
import { ITERATIVE_FUNCTIONS } from './iterative';
import type { ScalarFunction } from './function-types';
import { JSON_FUNCTIONS } from './json';
import { MATH_FUNCTIONS } from './math';
import { NETWORK_FUNCTIONS } from './network';
import { PATTERN_FUNCTIONS } from './pattern';
import { STRING_FUNCTIONS } from './string';
import { TIME_FUNCTIONS } from './time';

const ALL: readonly ScalarFunction[] = [
  ...STRING_FUNCTIONS,
  ...MATH_FUNCTIONS,
  ...CONDITIONAL_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...TIME_FUNCTIONS,
  ...CREATE_FUNCTIONS,
  ...BITWISE_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...ARRAY_STATS_FUNCTIONS,
  ...HASH_FUNCTIONS,
  ...NETWORK_FUNCTIONS,
  ...PATTERN_FUNCTIONS,
  ...ESCAPE_FUNCTIONS,
  ...JSON_FUNCTIONS,
  ...GENERAL_FUNCTIONS,
  ...ARRAY_WINDOW_FUNCTIONS,
  ...ITERATIVE_FUNCTIONS,
];

const BY_NAME: ReadonlyMap<string, ScalarFunction> = new Map(ALL.map((f) => [f.name.toLowerCase(), f]));

export function findScalarFunction(name: string): ScalarFunction | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Names evaluate.ts compiles itself because they need more than argument values. */
export const SPECIAL_FORMS: ReadonlySet<string> = new Set(['exists', 'record']);
