import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { FIRST_PAGE, PAGE_LIMIT, ResultPages } from '../../../../src-main/services/result-pages';
import type { QueryOutcome } from '../../../../src-shared/ipc/contract';

function outcome(n: number): QueryOutcome {
  return {
    state: 'SUCCEEDED',
    durationMs: 5,
    result: {
      records: Array.from({ length: n }, (_, i) => ({ i: String(i) })),
      types: [{ indexRange: [0, Math.max(0, n - 1)], mappings: { i: { type: 'long' } } }],
      metadata: {},
    },
  };
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('ResultPages', () => {
  it('sends a small result whole', () => {
    const small = outcome(FIRST_PAGE);
    expect(new ResultPages().split(small)).toBe(small);
  });

  it('sends a big result as a first page, then the rest in pages until done, then forgets it', () => {
    const pages = new ResultPages();
    const total = FIRST_PAGE + PAGE_LIMIT + 10;
    const sent = pages.split(outcome(total));
    expect(sent.result?.records).toHaveLength(FIRST_PAGE);
    expect(sent.result?.types).toEqual(outcome(total).result?.types);
    expect(sent.more?.total).toBe(total);
    const id = sent.more!.pageId;
    const all = [...sent.result!.records];
    // Asking for more than PAGE_LIMIT gets PAGE_LIMIT.
    const second = pages.page(id, all.length, PAGE_LIMIT * 2);
    expect(second.records).toHaveLength(PAGE_LIMIT);
    expect(second.done).toBe(false);
    all.push(...second.records);
    const last = pages.page(id, all.length, PAGE_LIMIT);
    expect(last.done).toBe(true);
    all.push(...last.records);
    expect(all.map((r) => r?.i)).toEqual(Array.from({ length: total }, (_, i) => String(i)));
    expect(() => pages.page(id, 0, 1)).toThrow(/no longer kept/);
  });

  it('keeps only the records still to be asked for: the first page went with the answer', async () => {
    const pages = new ResultPages();
    // The answer is referenced only inside this call, as it is by the IPC reply.
    const { first, later, id } = (() => {
      const all = outcome(FIRST_PAGE + 10);
      const records = all.result!.records;
      const sent = pages.split(all);
      return {
        first: records.slice(0, FIRST_PAGE).map((r) => new WeakRef(r!)),
        later: records.slice(FIRST_PAGE).map((r) => new WeakRef(r!)),
        id: sent.more!.pageId,
      };
    })();
    // WeakRefs made in this job keep their targets until it ends.
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(first.filter((r) => r.deref() !== undefined)).toHaveLength(0);
    expect(later.filter((r) => r.deref() !== undefined)).toHaveLength(10);
    expect(pages.page(id, FIRST_PAGE, 5).records.map((r) => r?.i)).toEqual(
      Array.from({ length: 5 }, (_, i) => String(FIRST_PAGE + i)),
    );
    expect(() => pages.page(id, 0, 5)).toThrow(/first .* records came with the result/);
  });

  it('drops a result on release', () => {
    const pages = new ResultPages();
    const id = pages.split(outcome(FIRST_PAGE + 1)).more!.pageId;
    pages.release(id);
    expect(() => pages.page(id, FIRST_PAGE, 10)).toThrow(/run the query again/);
  });
});
