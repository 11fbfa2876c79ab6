/**
 * Load: concurrent clients mixing ingest and queries against one sandbox for a few seconds
 * (LOAD_SECONDS, default 8; the full run is 20 clients × 60 s). No request may fail, a
 * query never sees fewer of a client's events than were acknowledged before it started, and
 * afterwards every count is exact.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_SCOPES, ingest, query, requestToken, startTestSandbox } from './helpers';
import type { TestSandbox } from './helpers';

const CLIENTS = 20;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 8);

let sb: TestSandbox;
let token: string;
beforeAll(async () => {
  sb = await startTestSandbox();
  token = await requestToken(sb.url, READ_SCOPES);
});
afterAll(async () => {
  await sb.dispose();
});

async function countOf(client: string): Promise<number> {
  const r = await query(
    sb.url,
    token,
    `fetch bizevents | filter client == "${client}" | summarize n = count()`,
  );
  return Number(r.result.records[0]?.n);
}

describe('load', () => {
  it(
    `${CLIENTS} clients ingesting and querying for ${SECONDS}s keep exact counts`,
    { timeout: (SECONDS + 60) * 1000 },
    async () => {
      const acked = new Map<string, number>();
      const deadline = Date.now() + SECONDS * 1000;
      let requests = 0;
      const client = async (c: number): Promise<void> => {
        const name = `c${c}`;
        acked.set(name, 0);
        for (let round = 0; Date.now() < deadline; round++) {
          if (round % 3 === 2) {
            const before = acked.get(name) ?? 0;
            expect(await countOf(name)).toBeGreaterThanOrEqual(before);
          } else {
            const size = 1 + ((c + round) % 20);
            const body = JSON.stringify(
              Array.from({ length: size }, (_, i) => ({ client: name, round, i, amount: i * 1.5 })),
            );
            const res = await ingest(sb.url, body);
            expect(res.status).toBe(202);
            acked.set(name, (acked.get(name) ?? 0) + size);
          }
          requests++;
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));

      for (const [name, n] of acked) expect(await countOf(name), name).toBe(n);
      const total = [...acked.values()].reduce((a, b) => a + b, 0);
      const all = await query(sb.url, token, 'fetch bizevents | summarize n = count()');
      expect(Number(all.result.records[0]?.n)).toBe(total);
      const grouped = await query(sb.url, token, 'fetch bizevents | summarize n = count(), by: {client}', {
        maxResultRecords: 100,
      });
      expect(Object.fromEntries(grouped.result.records.map((r) => [r.client, Number(r.n)]))).toEqual(
        Object.fromEntries(acked),
      );
      console.log(`load: ${requests} requests, ${total} events in ${SECONDS}s`);
    },
  );
});
