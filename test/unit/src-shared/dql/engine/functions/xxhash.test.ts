// xxHash32/64 against the published reference digests (seed 0), across the lengths that take each
// path of the algorithm: tail bytes only, 4- and 8-byte tail lanes, and full 16/32-byte stripes.
import { describe, expect, it } from 'vitest';
import { xxHash32, xxHash64 } from '../../../../../../src-shared/dql/engine/functions/xxhash';
import { utf8Encode } from '../../../../../../src-shared/dql/engine/functions/utf8-bytes';

const SPAM = 'Nobody inspects the spammish repetition';

describe('xxHash', () => {
  it('matches the reference digests of xxHash32', () => {
    expect(xxHash32(utf8Encode(''))).toBe('02cc5d05');
    expect(xxHash32(utf8Encode('a'))).toBe('550d7456');
    expect(xxHash32(utf8Encode('abc'))).toBe('32d153ff');
    expect(xxHash32(utf8Encode(SPAM))).toBe('e2293b2f');
  });

  it('matches the reference digests of xxHash64', () => {
    expect(xxHash64(utf8Encode(''))).toBe('ef46db3751d8e999');
    expect(xxHash64(utf8Encode('a'))).toBe('d24ec4f1a98c6e5b');
    expect(xxHash64(utf8Encode('abc'))).toBe('44bc2cf5ad770999');
    expect(xxHash64(utf8Encode(SPAM))).toBe('fbcea83c8a378bf1');
  });

  it('gives fixed-width hex that changes with every byte', () => {
    const seen32 = new Set<string>();
    const seen64 = new Set<string>();
    for (let n = 0; n < 80; n++) {
      const bytes = utf8Encode('é'.repeat(n));
      const h32 = xxHash32(bytes);
      const h64 = xxHash64(bytes);
      expect(h32).toMatch(/^[0-9a-f]{8}$/);
      expect(h64).toMatch(/^[0-9a-f]{16}$/);
      seen32.add(h32);
      seen64.add(h64);
    }
    expect(seen32.size).toBe(80);
    expect(seen64.size).toBe(80);
  });
});
