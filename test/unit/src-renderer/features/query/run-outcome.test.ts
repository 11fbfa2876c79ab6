import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { receiveOutcome, runSummary } from '../../../../../src-renderer/features/query/run-outcome';
import type { QueryOutcome } from '../../../../../src-shared/ipc/contract';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function firstPage(n: number, total: number): QueryOutcome {
  return {
    state: 'SUCCEEDED',
    durationMs: 7,
    result: {
      records: Array.from({ length: n }, (_, i) => ({ id: `r${i}`, n: String(i) })),
      types: [{ indexRange: [0, n - 1], mappings: { id: { type: 'string' }, n: { type: 'long' } } }],
      metadata: { grail: { scannedRecords: total } },
    },
    more: { pageId: 'p1', total },
  };
}

describe('receiveOutcome', () => {
  it('keeps no record object of the answer: the table holds the first page, and only it', async () => {
    // The answer is referenced only inside this call, as it is by the IPC reply.
    const { objects, kept } = (() => {
      const outcome = firstPage(1_000, 5_000);
      return { objects: outcome.result!.records.map((r) => new WeakRef(r!)), kept: receiveOutcome(outcome) };
    })();
    // WeakRefs made in this job keep their targets until it ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(objects.filter((o) => o.deref() !== undefined)).toHaveLength(0);
    expect(kept.table!.records.length).toBe(1_000);
    expect(kept.table!.records.record(999)).toEqual({ id: 'r999', n: '999' });
    expect(kept.summary).toEqual({
      state: 'SUCCEEDED',
      durationMs: 7,
      records: 5_000,
      metadata: { grail: { scannedRecords: 5_000 } },
      more: { pageId: 'p1', total: 5_000 },
    });
  });

  it('counts an unpaged result by its records, and a cancelled run has neither table nor count', () => {
    const whole: QueryOutcome = { ...firstPage(3, 3) };
    delete whole.more;
    expect(runSummary(whole).records).toBe(3);
    expect(receiveOutcome({ state: 'CANCELLED', durationMs: 4 })).toEqual({
      summary: { state: 'CANCELLED', durationMs: 4 },
      table: undefined,
    });
  });
});
