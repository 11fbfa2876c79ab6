import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstInvalidUtf8 } from '../../../../src-shared/ingest/utf8-check';

const bytes = (...b: number[]) => new Uint8Array(b);

/** Any Unicode text, weighted towards the 1- to 4-byte boundaries (built from code points: fast). */
const codePoint = fc.oneof(
  fc.integer({ min: 0, max: 0x7f }),
  fc.integer({ min: 0x80, max: 0x7ff }),
  fc.integer({ min: 0x800, max: 0xd7ff }),
  fc.integer({ min: 0xe000, max: 0xffff }),
  fc.integer({ min: 0x10000, max: 0x10ffff }),
);
const text = fc.array(codePoint, { maxLength: 40 }).map((cps) => String.fromCodePoint(...cps));

describe('firstInvalidUtf8', () => {
  it('accepts whatever TextEncoder produces', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(firstInvalidUtf8(new TextEncoder().encode(s), true)).toEqual({ invalidAt: -1 });
      }),
    );
  });

  it('agrees with the fatal TextDecoder on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (b) => {
        let valid = true;
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(b);
        } catch {
          valid = false;
        }
        expect(firstInvalidUtf8(b, true).invalidAt === -1).toBe(valid);
      }),
    );
  });

  it('points at the first bad byte: stray continuation, overlong, surrogate, truncated', () => {
    expect(firstInvalidUtf8(bytes(0x41, 0x80), true).invalidAt).toBe(1);
    expect(firstInvalidUtf8(bytes(0x41, 0xc0, 0x80), true).invalidAt).toBe(1);
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80), true).invalidAt).toBe(0);
    expect(firstInvalidUtf8(bytes(0x41, 0x42, 0xe2, 0x82), true).invalidAt).toBe(2);
  });

  it('carries an incomplete sequence at a chunk end over to the next chunk', () => {
    expect(firstInvalidUtf8(bytes(0x41, 0xe2, 0x82), false)).toEqual({ invalidAt: -1, incompleteAt: 1 });
    expect(firstInvalidUtf8(bytes(0x41, 0xe2, 0x41), false).invalidAt).toBe(1);
  });
});
