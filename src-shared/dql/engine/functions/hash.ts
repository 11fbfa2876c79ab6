/**
 * Cryptographic functions over a string's UTF-8 bytes, each giving the digest as lower-case hex
 * (hashCrc32: the 32-bit checksum as 8 hex digits). The digests are @noble/hashes (audited, pure
 * JavaScript: src-shared runs in the renderer too and has no crypto module; Web Crypto is async);
 * CRC-32 is its eight-line table, and xxHash is in xxhash.ts.
 * ⚠ The hex spelling of Grail's results is not documented; it is the common one.
 */
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import type { Value } from '../../../grail/values';
import { utf8Encode } from './utf8-bytes';
import { scalarFunctions, str } from './function-types';
import type { Args } from './function-types';
import { xxHash32, xxHash64 } from './xxhash';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): string {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

function digest(f: (bytes: Uint8Array) => string) {
  return (a: Args): Value => {
    const s = str(a[0]);
    return s === undefined ? null : f(Uint8Array.from(utf8Encode(s)));
  };
}

const hexOf = (hash: (bytes: Uint8Array) => Uint8Array) => (bytes: Uint8Array) => bytesToHex(hash(bytes));

export const HASH_FUNCTIONS = scalarFunctions({
  hashMd5: digest(hexOf(md5)),
  hashSha1: digest(hexOf(sha1)),
  hashSha256: digest(hexOf(sha256)),
  hashSha512: digest(hexOf(sha512)),
  hashCrc32: digest(crc32),
  hashXxHash32: digest(xxHash32),
  hashXxHash64: digest(xxHash64),
});
