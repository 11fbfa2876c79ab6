/**
 * Cryptographic functions over a string's UTF-8 bytes, each giving the digest as lower-case hex
 * (hashCrc32: the 32-bit checksum as 8 hex digits). Pure code: src-shared has no crypto module.
 * ⚠ The hex spelling of Grail's results is not documented; it is the common one. The xxHash
 * functions are in xxhash.ts.
 */
import type { Value } from '../../../grail/values';
import { utf8Encode } from './utf8-bytes';
import { scalarFunctions, str } from './function-types';
import type { Args } from './function-types';

const hex = (bytes: Iterable<number>): string =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Message padding shared by MD5 and SHA-1/SHA-256: 0x80, zeros, the bit length in 8 bytes. */
function pad64(bytes: readonly number[], littleEndian: boolean): Uint8Array {
  const length = Math.ceil((bytes.length + 9) / 64) * 64;
  const out = new Uint8Array(length);
  out.set(bytes);
  out[bytes.length] = 0x80;
  const bits = BigInt(bytes.length) * 8n;
  for (let i = 0; i < 8; i++) {
    const byte = Number((bits >> BigInt(8 * i)) & 0xffn);
    out[littleEndian ? length - 8 + i : length - 1 - i] = byte;
  }
  return out;
}

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));

const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);

function md5(bytes: readonly number[]): string {
  const m = pad64(bytes, true);
  const h = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476];
  for (let off = 0; off < m.length; off += 64) {
    const w = Array.from({ length: 16 }, (_, i) => {
      const j = off + 4 * i;
      return (
        (m[j] as number) |
        ((m[j + 1] as number) << 8) |
        ((m[j + 2] as number) << 16) |
        ((m[j + 3] as number) << 24)
      );
    });
    let [a, b, c, d] = h as [number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const f = [(b & c) | (~b & d), (d & b) | (~d & c), b ^ c ^ d, c ^ (b | ~d)][round] as number;
      const g = [i, (5 * i + 1) % 16, (3 * i + 5) % 16, (7 * i) % 16][round] as number;
      const next =
        (b +
          rotl((a + f + (MD5_K[i] as number) + (w[g] as number)) | 0, MD5_S[round * 4 + (i % 4)] as number)) |
        0;
      [a, b, c, d] = [d, next, b, c];
    }
    h[0] = ((h[0] as number) + a) | 0;
    h[1] = ((h[1] as number) + b) | 0;
    h[2] = ((h[2] as number) + c) | 0;
    h[3] = ((h[3] as number) + d) | 0;
  }
  return hex(h.flatMap((x) => [x & 0xff, (x >>> 8) & 0xff, (x >>> 16) & 0xff, x >>> 24]));
}

function wordsBE(m: Uint8Array, off: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const j = off + 4 * i;
    return (
      ((m[j] as number) << 24) |
      ((m[j + 1] as number) << 16) |
      ((m[j + 2] as number) << 8) |
      (m[j + 3] as number)
    );
  });
}

const bytesBE = (words: readonly number[]): number[] =>
  words.flatMap((x) => [x >>> 24, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff]);

function sha1(bytes: readonly number[]): string {
  const m = pad64(bytes, false);
  const h = [0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0];
  for (let off = 0; off < m.length; off += 64) {
    const w = wordsBE(m, off, 16);
    for (let i = 16; i < 80; i++)
      w[i] = rotl(
        (w[i - 3] as number) ^ (w[i - 8] as number) ^ (w[i - 14] as number) ^ (w[i - 16] as number),
        1,
      );
    let [a, b, c, d, e] = h as [number, number, number, number, number];
    for (let i = 0; i < 80; i++) {
      const [f, k] =
        i < 20
          ? [(b & c) | (~b & d), 0x5a827999]
          : i < 40
            ? [b ^ c ^ d, 0x6ed9eba1]
            : i < 60
              ? [(b & c) | (b & d) | (c & d), 0x8f1bbcdc | 0]
              : [b ^ c ^ d, 0xca62c1d6 | 0];
      const t = (rotl(a, 5) + f + e + k + (w[i] as number)) | 0;
      [a, b, c, d, e] = [t, a, rotl(b, 30), c, d];
    }
    [a, b, c, d, e].forEach((x, i) => (h[i] = ((h[i] as number) + x) | 0));
  }
  return hex(bytesBE(h));
}

const SHA256_K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
].map((k) => k | 0);

function sha256(bytes: readonly number[]): string {
  const m = pad64(bytes, false);
  const h = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ].map((x) => x | 0);
  for (let off = 0; off < m.length; off += 64) {
    const w = wordsBE(m, off, 16);
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15] as number;
      const y = w[i - 2] as number;
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      w[i] = ((w[i - 16] as number) + s0 + (w[i - 7] as number) + s1) | 0;
    }
    let [a, b, c, d, e, f, g, k] = h as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 =
        (k +
          (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) +
          ((e & f) ^ (~e & g)) +
          (SHA256_K[i] as number) +
          (w[i] as number)) |
        0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      [a, b, c, d, e, f, g, k] = [(t1 + t2) | 0, a, b, c, (d + t1) | 0, e, f, g];
    }
    [a, b, c, d, e, f, g, k].forEach((x, i) => (h[i] = ((h[i] as number) + x) | 0));
  }
  return hex(bytesBE(h));
}

const MASK64 = (1n << 64n) - 1n;
const rotr64 = (x: bigint, n: bigint): bigint => ((x >> n) | (x << (64n - n))) & MASK64;

/** The first 64 bits of the fractional parts of the cube roots of the first 80 primes. */
const SHA512_K = (() => {
  const primes: number[] = [];
  for (let n = 2; primes.length < 80; n++) if (primes.every((p) => n % p !== 0)) primes.push(n);
  return primes.map((p) => fractionBits(p, 3));
})();

/** floor(frac(p^(1/root)) · 2^64), exactly, by integer root of p·2^(64·root). */
function fractionBits(p: number, root: 2 | 3): bigint {
  const target = BigInt(p) << BigInt(64 * root);
  // Newton's method on integers for floor(target^(1/root)), from above: it then only decreases.
  let x = BigInt(Math.floor(Math.pow(p, 1 / root)) + 1) << 64n;
  for (;;) {
    const next = root === 2 ? (x + target / x) >> 1n : (2n * x + target / (x * x)) / 3n;
    if (next >= x) break;
    x = next;
  }
  while ((x + 1n) ** BigInt(root) <= target) x++;
  while (x ** BigInt(root) > target) x--;
  return x & MASK64;
}

function sha512(bytes: readonly number[]): string {
  const length = Math.ceil((bytes.length + 17) / 128) * 128;
  const m = new Uint8Array(length);
  m.set(bytes);
  m[bytes.length] = 0x80;
  const bits = BigInt(bytes.length) * 8n;
  for (let i = 0; i < 16; i++) m[length - 1 - i] = Number((bits >> BigInt(8 * i)) & 0xffn);
  const h = [2, 3, 5, 7, 11, 13, 17, 19].map((p) => fractionBits(p, 2));
  for (let off = 0; off < length; off += 128) {
    const w: bigint[] = Array.from({ length: 16 }, (_, i) => {
      let x = 0n;
      for (let j = 0; j < 8; j++) x = (x << 8n) | BigInt(m[off + 8 * i + j] as number);
      return x;
    });
    for (let i = 16; i < 80; i++) {
      const x = w[i - 15] as bigint;
      const y = w[i - 2] as bigint;
      const s0 = rotr64(x, 1n) ^ rotr64(x, 8n) ^ (x >> 7n);
      const s1 = rotr64(y, 19n) ^ rotr64(y, 61n) ^ (y >> 6n);
      w[i] = ((w[i - 16] as bigint) + s0 + (w[i - 7] as bigint) + s1) & MASK64;
    }
    let [a, b, c, d, e, f, g, k] = h as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint];
    for (let i = 0; i < 80; i++) {
      const s1 = rotr64(e, 14n) ^ rotr64(e, 18n) ^ rotr64(e, 41n);
      const ch = (e & f) ^ (~e & MASK64 & g);
      const t1 = (k + s1 + ch + (SHA512_K[i] as bigint) + (w[i] as bigint)) & MASK64;
      const s0 = rotr64(a, 28n) ^ rotr64(a, 34n) ^ rotr64(a, 39n);
      const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) & MASK64;
      [a, b, c, d, e, f, g, k] = [(t1 + t2) & MASK64, a, b, c, (d + t1) & MASK64, e, f, g];
    }
    [a, b, c, d, e, f, g, k].forEach((x, i) => (h[i] = ((h[i] as bigint) + x) & MASK64));
  }
  return h.map((x) => x.toString(16).padStart(16, '0')).join('');
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: readonly number[]): string {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

function digest(f: (bytes: readonly number[]) => string) {
  return (a: Args): Value => {
    const s = str(a[0]);
    return s === undefined ? null : f(utf8Encode(s));
  };
}

export const HASH_FUNCTIONS = scalarFunctions({
  hashMd5: digest(md5),
  hashSha1: digest(sha1),
  hashSha256: digest(sha256),
  hashSha512: digest(sha512),
  hashCrc32: digest(crc32),
});
