/**
 * The rest of a paged query result (`QueryOutcome.more`): pages of PAGE records, one request at a
 * time, each handed over as it arrives so the grid grows while the UI stays responsive. Stops (and
 * lets main drop the records) as soon as a newer run starts; if that run fails, the records shown
 * stay, not `complete` (useQueryRun.ts says so). A page that fails (transport error, result no
 * longer kept in main) stops the loading with an error the grid shows; the records already loaded
 * stay, and `load()` again resumes where it stopped.
 */
import type { QueryResult } from '../../../src-shared/grail/wire';
import type { QueryOutcome } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';
import { errorMessage } from '../../lib/format';

const PAGE = 50_000;

export interface PageSource {
  page(offset: number, limit: number): Promise<{ records: QueryResult['records']; done: boolean }>;
  release(): Promise<unknown>;
}

/** Why the remaining records stopped arriving, and whether asking again can help. */
export interface PageLoadError {
  message: string;
  /** False when main no longer keeps the result: only running the query again helps. */
  retryable: boolean;
}

export function pageLoadError(err: unknown): PageLoadError {
  const code = err && typeof err === 'object' && 'code' in err ? err.code : undefined;
  return { message: errorMessage(err), retryable: code !== 'PAGE_NOT_FOUND' };
}

export function ipcPageSource(pageId: string): PageSource {
  return {
    page: (offset, limit) => invoke('results:page', { pageId, offset, limit }),
    release: () => invoke('results:release', { pageId }),
  };
}

interface RemainingPagesOptions {
  more: NonNullable<QueryOutcome['more']>;
  /** Records the first answer already held. */
  loaded: number;
  source: PageSource;
  /** Awaited (when it returns a promise) before the next page is asked for. */
  onRecords: (records: QueryResult['records']) => void | Promise<void>;
  onError: (error: PageLoadError) => void;
  /** False once another run replaced this one: loading stops and main may drop the records. */
  isCurrent: () => boolean;
}

export class RemainingPages {
  private offset: number;
  private running = false;
  private finished = false;
  private allLoaded = false;

  constructor(private readonly options: RemainingPagesOptions) {
    this.offset = options.loaded;
  }

  /** Whether every record arrived (false while loading, and after a failure or being replaced). */
  get complete(): boolean {
    return this.allLoaded;
  }

  /** Loads every remaining page (again from where a failure stopped); never rejects. */
  async load(): Promise<void> {
    if (this.running || this.finished) return;
    this.running = true;
    const { more, source, onRecords, onError, isCurrent } = this.options;
    try {
      while (this.offset < more.total) {
        if (!isCurrent()) {
          this.finished = true;
          await source.release().catch(() => undefined);
          return;
        }
        const page = await source.page(this.offset, PAGE);
        if (!isCurrent()) continue;
        await onRecords(page.records);
        this.offset += page.records.length;
        if (page.done || page.records.length === 0) break;
      }
      this.finished = true;
      this.allLoaded = true;
    } catch (err) {
      if (isCurrent()) onError(pageLoadError(err));
    } finally {
      this.running = false;
    }
  }
}
