import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../src-shared/errors';
import type { QueryResult } from '../../../../../src-shared/grail/wire';
import {
  pageLoadError,
  RemainingPages,
  type PageLoadError,
  type PageSource,
} from '../../../../../src-renderer/features/results/load-pages';

/** A result of `total` records `{i}` kept "in main"; `failAt` lists request numbers that fail. */
function source(total: number, failAt: Map<number, unknown> = new Map()) {
  const calls: { offset: number; limit: number }[] = [];
  let released = 0;
  const src: PageSource = {
    page: async (offset, limit) => {
      calls.push({ offset, limit });
      const failure = failAt.get(calls.length);
      if (failure !== undefined) throw failure;
      const end = Math.min(total, offset + limit);
      const records: QueryResult['records'] = [];
      for (let i = offset; i < end; i++) records.push({ i });
      return { records, done: end >= total };
    },
    release: async () => {
      released++;
      return {};
    },
  };
  return { src, calls, released: () => released };
}

function loader(total: number, loaded: number, src: PageSource, isCurrent = () => true) {
  const got: number[] = [];
  const errors: PageLoadError[] = [];
  const pages = new RemainingPages({
    more: { pageId: 'p1', total },
    loaded,
    source: src,
    onRecords: (records) => {
      got.push(...records.map((r) => r!.i as number));
    },
    onError: (e) => errors.push(e),
    isCurrent,
  });
  return { pages, got, errors };
}

describe('remaining pages of a paged result', () => {
  it('loads every record after the first answer, in order, in pages', async () => {
    const { src, calls } = source(120_000);
    const { pages, got, errors } = loader(120_000, 20_000, src);
    const loading = pages.load();
    expect(pages.complete).toBe(false);
    await loading;
    expect(got).toEqual(Array.from({ length: 100_000 }, (_, k) => 20_000 + k));
    expect(calls.map((c) => c.offset)).toEqual([20_000, 70_000]);
    expect(errors).toEqual([]);
    expect(pages.complete).toBe(true);
  });

  it('asks for the next page only once the previous one has been taken in', async () => {
    const { src, calls } = source(120_000);
    let taking = 0;
    const pages = new RemainingPages({
      more: { pageId: 'p1', total: 120_000 },
      loaded: 20_000,
      source: src,
      onRecords: async () => {
        // Still taking in a page when the next request is made would show as calls running ahead.
        taking = calls.length;
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(calls.length).toBe(taking);
      },
      onError: () => undefined,
      isCurrent: () => true,
    });
    await pages.load();
    expect(calls.map((c) => c.offset)).toEqual([20_000, 70_000]);
  });

  it('stops at a failed page with a retryable error, and a retry resumes where it stopped', async () => {
    const { src, calls } = source(
      130_000,
      new Map([[2, new Error('The connection to the Bizlens host was lost.')]]),
    );
    const { pages, got, errors } = loader(130_000, 20_000, src);
    await pages.load();
    expect(got.length).toBe(50_000);
    expect(errors).toEqual([{ message: 'The connection to the Bizlens host was lost.', retryable: true }]);
    expect(pages.complete).toBe(false);
    await pages.load();
    expect(pages.complete).toBe(true);
    expect(calls.map((c) => c.offset)).toEqual([20_000, 70_000, 70_000, 120_000]);
    // Each record once, none skipped.
    expect(got).toEqual(Array.from({ length: 110_000 }, (_, k) => 20_000 + k));
    expect(errors.length).toBe(1);
  });

  it('says a result main no longer keeps cannot be retried', async () => {
    const expired = new AppError('PAGE_NOT_FOUND', 'This result is no longer kept; run the query again.');
    const { src } = source(60_000, new Map([[1, expired]]));
    const { pages, got, errors } = loader(60_000, 20_000, src);
    await pages.load();
    expect(got).toEqual([]);
    expect(errors).toEqual([
      { message: 'This result is no longer kept; run the query again.', retryable: false },
    ]);
    expect(pageLoadError(new Error('x')).retryable).toBe(true);
  });

  it('stops and releases the result when another run replaced this one, without reporting errors', async () => {
    let current = true;
    const { src, calls, released } = source(200_000);
    const { pages, got } = loader(200_000, 20_000, src, () => current);
    const origPage = src.page;
    src.page = async (offset, limit) => {
      const page = await origPage(offset, limit);
      current = false; // superseded while the first page was on its way
      return page;
    };
    await pages.load();
    expect(got).toEqual([]);
    expect(calls.length).toBe(1);
    expect(released()).toBe(1);
    // The result on screen (if it stays, after the newer run failed) lacks records.
    expect(pages.complete).toBe(false);
  });

  it('runs one load at a time: a second call while loading does nothing', async () => {
    const { src, calls } = source(70_000);
    const { pages, got } = loader(70_000, 20_000, src);
    await Promise.all([pages.load(), pages.load()]);
    expect(calls.length).toBe(1);
    expect(got.length).toBe(50_000);
  });
});
