/**
 * The differential test over the real store: every golden evaluation case (test/golden/dql/eval)
 * runs against DuckDB holding its dataset, once with pushdown (what storage can do is done in SQL)
 * and once through the pure evaluator. Both must give the golden expectation, and the same scan
 * statistics; enough cases must actually push filters and counts down for this to mean something.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEventStore } from '../../../src-main/sandbox/store';
import type { EventStore } from '../../../src-main/sandbox/store';
import { isTimestamp } from '../../../src-shared/grail/values';
import { GOLDEN_NOW, loadCases, loadDataset, runCase } from '../../unit/src-shared/dql/engine/eval-golden';

const cases = loadCases();
const stores = new Map<string, EventStore>();
const dirs: string[] = [];

beforeAll(async () => {
  for (const name of new Set(cases.map((c) => c.dataset))) {
    const dir = await mkdtemp(join(tmpdir(), 'bizlens-golden-'));
    dirs.push(dir);
    const store = await openEventStore(dir);
    // One append per record keeps the dataset's storage order (ties: later = newer).
    for (const [index, fields] of loadDataset(name).entries()) {
      const ts = fields.get('timestamp') ?? null;
      if (!isTimestamp(ts)) throw new Error('dataset record without a timestamp');
      await store.append([{ index, timestampNs: ts.ns, fields }], GOLDEN_NOW);
    }
    stores.set(name, store);
  }
});

afterAll(async () => {
  for (const s of stores.values()) await s.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('golden cases over DuckDB, with and without pushdown', () => {
  it(`all ${cases.length} cases give the expected result and the same stats both ways`, async () => {
    const failures: string[] = [];
    let filters = 0;
    let counts = 0;
    let series = 0;
    let aggregates = 0;
    for (const c of cases) {
      const store = stores.get(c.dataset) as EventStore;
      const pushed = await runCase(c, store, true);
      const pure = await runCase(c, store, false);
      if (pushed.pushdown?.filter) filters++;
      if (pushed.pushdown?.count) counts++;
      if (pushed.pushdown?.series) series++;
      if (pushed.pushdown?.aggregate) aggregates++;
      const same = JSON.stringify(pushed.stats) === JSON.stringify(pure.stats);
      if (pushed.rendered !== c.expected || pure.rendered !== c.expected || !same)
        failures.push(
          `${c.file}:${c.line} ${c.title}\n--- pushed ${JSON.stringify(pushed.stats)}\n${pushed.rendered}` +
            `\n--- pure ${JSON.stringify(pure.stats)}\n${pure.rendered}\n--- expected\n${c.expected}`,
        );
    }
    expect(failures.join('\n\n')).toBe('');
    expect(filters).toBeGreaterThanOrEqual(20);
    expect(counts).toBeGreaterThanOrEqual(5);
    expect(series).toBeGreaterThanOrEqual(3);
    expect(aggregates).toBeGreaterThanOrEqual(5);
  });
});
