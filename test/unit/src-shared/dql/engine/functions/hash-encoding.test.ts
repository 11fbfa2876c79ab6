// The pure-code digests and encodings against Node's own implementations, over texts that cross
// block boundaries and UTF-8 widths.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findScalarFunction } from '../../../../../../src-shared/dql/engine/functions/registry';
import type { Value } from '../../../../../../src-shared/grail/values';

const call = (name: string, ...args: Value[]): Value => {
  const f = findScalarFunction(name);
  if (!f) throw new Error(`no ${name}`);
  return f.fn(args, { nowNs: 0n });
};

const TEXTS = [
  '',
  'a',
  'abc',
  'The quick brown fox jumps over the lazy dog',
  'x'.repeat(55),
  'y'.repeat(56),
  'z'.repeat(64),
  'w'.repeat(111),
  'v'.repeat(112),
  'u'.repeat(1000),
  'Grüße, 世界 🌍',
];

/** CRC-32 (IEEE) bit by bit, independent of the table the implementation uses. */
function crc32(bytes: Buffer): string {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ((c ^ 0xffffffff) >>> 0).toString(16).padStart(8, '0');
}

describe('hash functions', () => {
  it.each(TEXTS.map((t) => [t]))('match node:crypto for %j', (text) => {
    for (const [fn, algorithm] of [
      ['hashMd5', 'md5'],
      ['hashSha1', 'sha1'],
      ['hashSha256', 'sha256'],
      ['hashSha512', 'sha512'],
    ] as const)
      expect(call(fn, text), fn).toBe(createHash(algorithm).update(text, 'utf8').digest('hex'));
    expect(call('hashCrc32', text)).toBe(crc32(Buffer.from(text, 'utf8')));
  });

  it('known CRC-32 check value, and null for non-strings', () => {
    expect(call('hashCrc32', '123456789')).toBe('cbf43926');
    expect(call('hashSha256', 1n)).toBeNull();
    expect(call('hashMd5', null)).toBeNull();
  });
});

describe('encodings', () => {
  it.each(TEXTS.map((t) => [t]))('Base64 and Base16 as Buffer writes them, and back, for %j', (text) => {
    const bytes = Buffer.from(text, 'utf8');
    expect(call('encodeBase64', text)).toBe(bytes.toString('base64'));
    expect(call('encodeBase16', text)).toBe(bytes.toString('hex'));
    expect(call('decodeBase64ToString', bytes.toString('base64'))).toBe(text);
    expect(call('decodeBase16ToString', bytes.toString('hex').toUpperCase())).toBe(text);
    expect(call('decodeUrl', call('encodeUrl', text))).toBe(text);
  });

  it('URL encoding keeps what a form keeps', () => {
    expect(call('encodeUrl', 'a-b_c.d*e f~g')).toBe('a-b_c.d*e+f%7Eg');
    expect(call('decodeUrl', '%zz')).toBeNull();
    expect(call('decodeBase16ToString', 'c3')).toBeNull(); // a lone UTF-8 lead byte
  });
});
