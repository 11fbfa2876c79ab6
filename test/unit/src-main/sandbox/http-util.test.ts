import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8 } from '../../../../src-main/sandbox/http-util';

describe('decodeUtf8', () => {
  it('decodes ASCII and multi-byte UTF-8 exactly', () => {
    expect(decodeUtf8(Buffer.from('{"a":1}'))).toBe('{"a":1}');
    expect(decodeUtf8(Buffer.from('{"name":"Zoë 🚲 서울"}'))).toBe('{"name":"Zoë 🚲 서울"}');
    expect(decodeUtf8(Buffer.alloc(0))).toBe('');
  });

  it('refuses invalid UTF-8: a lone continuation byte, a truncated sequence, an encoded surrogate', () => {
    expect(decodeUtf8(Buffer.from([0x7b, 0x80, 0x7d]))).toBeUndefined();
    expect(decodeUtf8(Buffer.from([0x22, 0xe2, 0x82]))).toBeUndefined();
    expect(decodeUtf8(Buffer.from([0xed, 0xa0, 0x80]))).toBeUndefined();
  });

  it('drops a leading byte order mark, as the TextDecoder did', () => {
    expect(decodeUtf8(Buffer.from([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toBe('{}');
  });

  it('agrees with a fatal TextDecoder on any bytes', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    const reference = (b: Uint8Array): string | undefined => {
      try {
        return strict.decode(b);
      } catch {
        return undefined;
      }
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array(),
          fc.string({ unit: 'grapheme' }).map((s) => Buffer.from(s)),
        ),
        (b) => {
          expect(decodeUtf8(Buffer.from(b))).toBe(reference(b));
        },
      ),
    );
  });
});
