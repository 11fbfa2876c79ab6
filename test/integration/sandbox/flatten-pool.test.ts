/**
 * The flatten worker (flatten-pool.ts): large ingest bodies flattened in their own thread come back
 * as the same event batches as flattened in place, and a worker that fails costs nothing but time.
 */
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { flattenToBatch } from '../../../src-main/sandbox/event-batch';
import { flattenPool } from '../../../src-main/sandbox/flatten-pool';

const NOW = 1_780_000_000_000_000_000n;

/** Events with ids of their own (a generated id would differ between two flattenings). */
const body = (n: number): string =>
  JSON.stringify(
    Array.from({ length: n }, (_, i) => ({
      'event.id': `e-${i}`,
      'event.type': 'pool.check',
      n: i,
      s: `v${i}`,
      nested: { a: i },
      ...(i % 5 === 0 ? { x: 1.5, nothing: null, flag: true } : {}),
      ...(i === 3 ? { timestamp: 'not a time' } : {}),
    })),
  );

describe('flatten pool', () => {
  it('gives the batches of flattening in place, for good and bad bodies', async () => {
    const lines: string[] = [];
    const pool = flattenPool({ minBytes: 0, log: (line) => lines.push(line) });
    try {
      for (const [text, type] of [
        [body(3000), 'application/json'],
        ['[{"a":1},{"b":', 'application/json'],
        [
          '[{"specversion":"1.0","id":"c1","source":"s","type":"t"},{"id":"c2"}]',
          'application/cloudevents-batch+json',
        ],
      ] as const) {
        const [there, here] = await Promise.all([
          pool.flatten(Buffer.from(text), type, NOW),
          flattenToBatch(text, type, NOW),
        ]);
        expect(there).toEqual(here);
      }
      // The worker decodes the bytes: UTF-8 beyond ASCII, and bytes that are not UTF-8.
      const accents = Buffer.from(JSON.stringify([{ 'event.id': 'é1', name: 'Zoë 🚲 서울' }]));
      expect(await pool.flatten(accents, 'application/json', NOW)).toEqual(
        flattenToBatch(accents.toString('utf8'), 'application/json', NOW),
      );
      expect(
        await pool.flatten(Buffer.from([0x5b, 0x22, 0x80, 0x22, 0x5d]), 'application/json', NOW),
      ).toEqual({
        ok: false,
        error: { message: 'The request body is not valid UTF-8.' },
      });
      expect(lines).toEqual([]); // the worker flattened them: it never failed
    } finally {
      await pool.close();
    }
  });

  it('flattens in place when its worker fails, and says so', async () => {
    const lines: string[] = [];
    let spawned = 0;
    const pool = flattenPool({
      minBytes: 0,
      log: (line) => lines.push(line),
      spawn: () => {
        spawned++;
        return new Worker('process.exit(3)', { eval: true });
      },
    });
    try {
      const text = body(10);
      for (let i = 0; i < 3; i++)
        expect(await pool.flatten(Buffer.from(text), 'application/json', NOW)).toEqual(
          flattenToBatch(text, 'application/json', NOW),
        );
      expect(spawned).toBe(2); // then it stops trying
      expect(lines).toEqual([
        'The flatten worker failed (The flatten worker stopped (exit code 3).); flattening in the sandbox thread.',
        'The flatten worker failed (The flatten worker stopped (exit code 3).); flattening in the sandbox thread.',
      ]);
    } finally {
      await pool.close();
    }
  });
});
