/**
 * xxHash32 / xxHash64 (hashXxHash32 / hashXxHash64 in hash.ts) of a string's UTF-8 bytes, seed 0, as lower-case hex (8 / 16
 * digits, like hashCrc32). Pure code after the reference algorithm (github.com/Cyan4973/xxHash):
 * no npm package is needed for two small functions, and src-shared may not load native modules.
 * ⚠ Grail does not document the seed or the spelling; seed 0 and big-endian hex are the usual ones.
 */

const P32_1 = 0x9e3779b1;
const P32_2 = 0x85ebca77;
const P32_3 = 0xc2b2ae3d;
const P32_4 = 0x27d4eb2f;
const P32_5 = 0x165667b1;

const rotl32 = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
const read32 = (b: ArrayLike<number>, i: number): number =>
  ((b[i] as number) |
    ((b[i + 1] as number) << 8) |
    ((b[i + 2] as number) << 16) |
    ((b[i + 3] as number) << 24)) >>>
  0;

function round32(acc: number, lane: number): number {
  return Math.imul(rotl32((acc + Math.imul(lane, P32_2)) >>> 0, 13), P32_1) >>> 0;
}

export function xxHash32(b: ArrayLike<number>): string {
  const len = b.length;
  let i = 0;
  let h: number;
  if (len >= 16) {
    let v1 = (P32_1 + P32_2) >>> 0;
    let v2 = P32_2;
    let v3 = 0;
    let v4 = (0 - P32_1) >>> 0;
    for (; i + 16 <= len; i += 16) {
      v1 = round32(v1, read32(b, i));
      v2 = round32(v2, read32(b, i + 4));
      v3 = round32(v3, read32(b, i + 8));
      v4 = round32(v4, read32(b, i + 12));
    }
    h = (rotl32(v1, 1) + rotl32(v2, 7) + rotl32(v3, 12) + rotl32(v4, 18)) >>> 0;
  } else h = P32_5;
  h = (h + len) >>> 0;
  for (; i + 4 <= len; i += 4)
    h = Math.imul(rotl32((h + Math.imul(read32(b, i), P32_3)) >>> 0, 17), P32_4) >>> 0;
  for (; i < len; i++) h = Math.imul(rotl32((h + Math.imul(b[i] as number, P32_5)) >>> 0, 11), P32_1) >>> 0;
  h = Math.imul(h ^ (h >>> 15), P32_2) >>> 0;
  h = Math.imul(h ^ (h >>> 13), P32_3) >>> 0;
  return ((h ^ (h >>> 16)) >>> 0).toString(16).padStart(8, '0');
}

const M64 = (1n << 64n) - 1n;
const P64_1 = 0x9e3779b185ebca87n;
const P64_2 = 0xc2b2ae3d27d4eb4fn;
const P64_3 = 0x165667b19e3779f9n;
const P64_4 = 0x85ebca77c2b2ae63n;
const P64_5 = 0x27d4eb2f165667c5n;

const rotl64 = (x: bigint, r: bigint): bigint => ((x << r) | (x >> (64n - r))) & M64;
const read64 = (b: ArrayLike<number>, i: number): bigint =>
  BigInt(read32(b, i)) | (BigInt(read32(b, i + 4)) << 32n);

const round64 = (acc: bigint, lane: bigint): bigint =>
  (rotl64((acc + lane * P64_2) & M64, 31n) * P64_1) & M64;
const merge64 = (h: bigint, v: bigint): bigint => (((h ^ round64(0n, v)) * P64_1 + P64_4) & M64) as bigint;

export function xxHash64(b: ArrayLike<number>): string {
  const len = b.length;
  let i = 0;
  let h: bigint;
  if (len >= 32) {
    let v1 = (P64_1 + P64_2) & M64;
    let v2 = P64_2;
    let v3 = 0n;
    let v4 = (0n - P64_1) & M64;
    for (; i + 32 <= len; i += 32) {
      v1 = round64(v1, read64(b, i));
      v2 = round64(v2, read64(b, i + 8));
      v3 = round64(v3, read64(b, i + 16));
      v4 = round64(v4, read64(b, i + 24));
    }
    h = (rotl64(v1, 1n) + rotl64(v2, 7n) + rotl64(v3, 12n) + rotl64(v4, 18n)) & M64;
    h = merge64(merge64(merge64(merge64(h, v1), v2), v3), v4);
  } else h = P64_5;
  h = (h + BigInt(len)) & M64;
  for (; i + 8 <= len; i += 8) h = (rotl64(h ^ round64(0n, read64(b, i)), 27n) * P64_1 + P64_4) & M64;
  if (i + 4 <= len) {
    h = (rotl64(h ^ ((BigInt(read32(b, i)) * P64_1) & M64), 23n) * P64_2 + P64_3) & M64;
    i += 4;
  }
  for (; i < len; i++) h = (rotl64(h ^ ((BigInt(b[i] as number) * P64_5) & M64), 11n) * P64_1) & M64;
  h = ((h ^ (h >> 33n)) * P64_2) & M64;
  h = ((h ^ (h >> 29n)) * P64_3) & M64;
  return (h ^ (h >> 32n)).toString(16).padStart(16, '0');
}
