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

  it('drops a result on release', () => {
    const pages = new ResultPages();
    const id = pages.split(outcome(FIRST_PAGE + 1)).more!.pageId;
    pages.release(id);
    expect(() => pages.page(id, FIRST_PAGE, 10)).toThrow(/run the query again/);
  });
});
