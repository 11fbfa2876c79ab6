/**
 * Bitwise functions (catalogue category "bitwise") on 64-bit two's-complement longs, as Java's
 * long operators: shifts use the low 6 bits of the count; `bitwiseShiftRight(…, ignoreSign: true)`
 * is the unsigned shift (`>>>`). Anything but longs gives null. Also the hexadecimal conversions
 * of the mathematical category: numberToHexString writes a long's 64 bits as Java's
 * Long.toHexString does (lower case, negative numbers as two's complement), zero-padded to
 * `minLength`; hexStringToNumber reads an optional `0x` and up to 16 hex digits as a long (16
 * digits as two's complement), more digits as a double. ⚠ Grail's treatment of prefixes and
 * overlong input is undocumented.
 */
import type { Value } from '../../../grail/values';
import { arg, long, scalarFunctions } from './function-types';
import type { Args } from './function-types';

const wrap = (n: bigint): bigint => BigInt.asIntN(64, n);

function pair(f: (a: bigint, b: bigint) => bigint) {
  return (a: Args): Value => {
    const x = long(a[0]);
    const y = long(a[1]);
    return x === undefined || y === undefined ? null : wrap(f(x, y));
  };
}

function hexToNumber(a: Args): Value {
  const s = typeof a[0] === 'string' ? a[0].trim() : undefined;
  const digits = s === undefined ? undefined : /^(?:0[xX])?([0-9a-fA-F]+)$/.exec(s)?.[1];
  if (digits === undefined) return null;
  const n = BigInt('0x' + digits);
  return digits.replace(/^0+/, '').length <= 16 ? wrap(n) : Number(n);
}

function numberToHex(a: Args): Value {
  const x = long(a[0]);
  const min = arg(a, 1, 0n);
  if (x === undefined || typeof min !== 'bigint' || min < 0n) return null;
  return BigInt.asUintN(64, x)
    .toString(16)
    .padStart(Number(min > 1024n ? 1024n : min), '0'); // bounded: a constant, but no need for megabytes
}

export const BITWISE_FUNCTIONS = scalarFunctions({
  hexStringToNumber: hexToNumber,
  numberToHexString: numberToHex,
  bitwiseAnd: pair((x, y) => x & y),
  bitwiseOr: pair((x, y) => x | y),
  bitwiseXor: pair((x, y) => x ^ y),
  bitwiseNot: (a) => {
    const x = long(a[0]);
    return x === undefined ? null : wrap(~x);
  },
  bitwiseCountOnes: (a) => {
    const x = long(a[0]);
    if (x === undefined) return null;
    let bits = BigInt.asUintN(64, x);
    let n = 0n;
    for (; bits !== 0n; bits &= bits - 1n) n++;
    return n;
  },
  bitwiseShiftLeft: pair((x, bits) => x << (bits & 63n)),
  bitwiseShiftRight: (a) => {
    const x = long(a[0]);
    const bits = long(a[1]);
    const ignoreSign = arg(a, 2, false);
    if (x === undefined || bits === undefined || typeof ignoreSign !== 'boolean') return null;
    const by = bits & 63n;
    return ignoreSign ? wrap(BigInt.asUintN(64, x) >> by) : x >> by;
  },
});
