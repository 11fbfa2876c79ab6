/**
 * Big results travel to the renderer in pages: `query:execute` answers with the first
 * FIRST_PAGE records and `more: {pageId, total}`, and the renderer asks for the rest with
 * `results:page`. One message of a million records is hundreds of MB of JSON that the renderer
 * would parse (or structured-clone) in one blocking piece; pages keep each piece short, so the
 * first rows paint at once and the UI stays responsive while the rest arrives. Only the records
 * after the first page are kept, until the last page is read, `results:release`, or five idle
 * minutes.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/errors';
import type { QueryResult } from '../../src-shared/grail/wire';
import type { QueryOutcome } from '../../src-shared/ipc/contract';

export const FIRST_PAGE = 20_000;
export const PAGE_LIMIT = 100_000;
const IDLE_MS = 5 * 60_000;

interface Kept {
  /** The records after the first page (which went with the answer and is not kept twice). */
  rest: QueryResult['records'];
  total: number;
  timer: NodeJS.Timeout;
}

export class ResultPages {
  private readonly kept = new Map<string, Kept>();

  /** The outcome as sent: whole when small, else its first page and where the rest is. */
  split(outcome: QueryOutcome): QueryOutcome {
    const records = outcome.result?.records;
    if (!outcome.result || !records || records.length <= FIRST_PAGE) return outcome;
    const pageId = randomUUID();
    const timer = setTimeout(() => this.release(pageId), IDLE_MS);
    timer.unref();
    this.kept.set(pageId, { rest: records.slice(FIRST_PAGE), total: records.length, timer });
    return {
      ...outcome,
      result: { ...outcome.result, records: records.slice(0, FIRST_PAGE) },
      more: { pageId, total: records.length },
    };
  }

  page(pageId: string, offset: number, limit: number): { records: QueryResult['records']; done: boolean } {
    const kept = this.kept.get(pageId);
    if (!kept) throw new AppError('PAGE_NOT_FOUND', 'This result is no longer kept; run the query again.');
    if (offset < FIRST_PAGE)
      throw new AppError(
        'PAGE_OFFSET',
        `The first ${FIRST_PAGE} records came with the result; ask from there on.`,
      );
    kept.timer.refresh();
    const end = Math.min(kept.total, offset + Math.min(limit, PAGE_LIMIT));
    const done = end >= kept.total;
    const records = kept.rest.slice(offset - FIRST_PAGE, end - FIRST_PAGE);
    if (done) this.release(pageId);
    return { records, done };
  }

  release(pageId: string): void {
    const kept = this.kept.get(pageId);
    if (!kept) return;
    clearTimeout(kept.timer);
    this.kept.delete(pageId);
  }

  dispose(): void {
    for (const id of [...this.kept.keys()]) this.release(id);
  }
}
