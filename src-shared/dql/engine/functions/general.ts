/**
 * random(), range(expression, interval [, at]) and getRecordField(expression, fieldName).
 * range aligns like bin() and keeps the bucket's end: a record `{start, end}` with
 * end = start + interval. getRecordField reads a record's field (`start`/`end` of a timeframe),
 * null when absent — `r[name]` with a computed name.
 */
import { isRecord, isTimeframe, recordValue, timestampValue } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { arithmetic } from '../operators';
import type { Args, EvalEnv } from './function-types';
import { arg, scalarFunctions, str } from './function-types';
import { MATH_FUNCTIONS } from './math';

const bin = MATH_FUNCTIONS.find((f) => f.name === 'bin')?.fn;

function range(a: Args, env: EvalEnv): Value {
  const start = bin ? bin(a, env) : null;
  if (start === null) return null;
  const end = arithmetic('+', start, arg(a, 1));
  return end === null
    ? null
    : recordValue(
        new Map([
          ['start', start],
          ['end', end],
        ]),
      );
}

export const GENERAL_FUNCTIONS = scalarFunctions({
  // ⚠ Math.random is not cryptographic; Grail promises only "a random double" in [0, 1).
  random: () => Math.random(),
  range,
  getRecordField: (a) => {
    const v = arg(a, 0);
    const name = str(a[1]);
    if (name === undefined) return null;
    if (isRecord(v)) return v.fields.get(name) ?? null;
    if (isTimeframe(v))
      return name === 'start' ? timestampValue(v.startNs) : name === 'end' ? timestampValue(v.endNs) : null;
    return null;
  },
});
