import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Batcher } from '../../../../src-shared/ingest/batcher';
import type { Batch } from '../../../../src-shared/ingest/batcher';
import { utf8ByteLength } from '../../../../src-shared/grail/utf8';

function all(texts: string[], maxEvents: number, maxBytes: number): Batch[] {
  const b = new Batcher(maxEvents, maxBytes);
  const out: Batch[] = [];
  for (const t of texts) {
    const closed = b.add(t);
    if (closed) out.push(closed);
  }
  const last = b.flush();
  if (last) out.push(last);
  return out;
}

describe('Batcher', () => {
  it('keeps every batch within the byte and event limits, in order, losing nothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 30 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        (strings, maxEvents) => {
          const texts = strings.map((s) => JSON.stringify({ s }));
          const batches = all(texts, maxEvents, 200);
          expect(batches.flatMap((b) => JSON.parse(b.body) as unknown[])).toEqual(
            texts.map((t) => JSON.parse(t)),
          );
          let first = 0;
          batches.forEach((b, i) => {
            expect(b.number).toBe(i);
            expect(b.firstIndex).toBe(first);
            first += b.count;
            expect(b.count).toBeLessThanOrEqual(maxEvents);
            expect(b.bytes).toBe(utf8ByteLength(b.body));
            if (b.count > 1) expect(b.bytes).toBeLessThanOrEqual(200);
          });
        },
      ),
    );
  });

  it('gives the same batches for the same events (what resuming relies on)', () => {
    const texts = Array.from({ length: 50 }, (_, i) => `{"i":${i},"pad":"${'é'.repeat(i % 9)}"}`);
    expect(all(texts, 6, 120)).toEqual(all(texts, 6, 120));
  });
});
