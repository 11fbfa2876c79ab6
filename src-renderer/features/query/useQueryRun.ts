import { useCallback, useEffect, useRef, useState } from 'react';
import type { QueryState } from '../../../src-shared/grail/wire';
import { APPEND_SLICE, appendInSlices, type TableResult } from '../../../src-shared/results/record-table';
import { invoke, on } from '../../api/client';
import { errorMessage, localTimezone } from '../../lib/format';
import { ipcPageSource, RemainingPages, type PageLoadError } from '../results/load-pages';
import { syntaxErrorPosition, type SourcePosition } from '../results/query-summary';
import { receiveOutcome, type RunSummary } from './run-outcome';

export type QueryRunState =
  | { phase: 'idle' }
  | {
      phase: 'running';
      requestId: string;
      cancelling: boolean;
      serverState?: QueryState;
      /** 0–100 when the server reports it. */
      progress?: number;
    }
  | { phase: 'done'; summary: RunSummary }
  | { phase: 'failed'; message: string; code: string; position?: SourcePosition };

export interface QueryRun {
  state: QueryRunState;
  /**
   * The result on screen: the last successful one, kept visible while a new run is under way and
   * after one fails or is cancelled (the status says so), so a bad edit does not cost the records.
   */
  result: TableResult | undefined;
  /** The run `result` came from (after a failed re-run, not the latest one). */
  resultRun: SentRun | undefined;
  run: (query: string, environmentId: string, timeframe?: RunTimeframe) => void;
  cancel: () => void;
  /** How many records `result` holds in all when they arrive in pages (undefined: all are here). */
  resultTotal: number | undefined;
  /** Why the rest of a paged result stopped arriving (the records loaded so far stay shown). */
  pageError: PageLoadError | undefined;
  /** Asks for the remaining pages again, from where loading stopped. */
  retryPages: () => void;
}

/** A run as it was asked for. */
export interface SentRun {
  query: string;
  environmentId: string;
  timeframe: RunTimeframe | undefined;
}

/** The request's default timeframe (used by Grail unless the query names its own). */
export interface RunTimeframe {
  defaultTimeframeStart: string;
  defaultTimeframeEnd: string;
  /** The environment's limit, or a higher one ("fetch more" from the results' truncation banner). */
  maxResultRecords?: number;
  maxResultBytes?: number;
  defaultScanLimitGbytes?: number;
}

/**
 * A new run stops the pages of the result on screen (main drops them), yet that result stays if
 * the run fails or is cancelled: it then says it is partial, and only running it again helps.
 */
const REPLACED: PageLoadError = {
  message: 'a newer run started before they all arrived.',
  retryable: false,
};

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function newRequestId(): string {
  return typeof crypto.randomUUID === 'function'
    ? crypto.randomUUID()
    : `q-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

function codeOf(err: unknown): string {
  return err && typeof err === 'object' && 'code' in err && typeof err.code === 'string'
    ? err.code
    : 'UNKNOWN';
}

function detailsOf(err: unknown): Record<string, unknown> | undefined {
  if (!err || typeof err !== 'object' || !('details' in err)) return undefined;
  const d = err.details;
  return d && typeof d === 'object' ? (d as Record<string, unknown>) : undefined;
}

/**
 * Runs DQL through `query:execute`: a fresh requestId per run, progress from `query:progress`,
 * cancel via `query:cancel`. Starting a run while one is in flight cancels the older one, and
 * answers for anything but the latest run are ignored.
 */
export function useQueryRun(): QueryRun {
  const [state, setState] = useState<QueryRunState>({ phase: 'idle' });
  const [result, setResult] = useState<TableResult | undefined>(undefined);
  const [resultRun, setResultRun] = useState<SentRun | undefined>(undefined);
  const [resultTotal, setResultTotal] = useState<number | undefined>(undefined);
  const currentId = useRef<string | null>(null);
  /** The latest run started (stays set after it finishes), so a paged result stops loading when superseded. */
  const latestRun = useRef<string | null>(null);
  const [pageError, setPageError] = useState<PageLoadError | undefined>(undefined);
  const pages = useRef<RemainingPages | null>(null);

  useEffect(() => {
    const dispose = on('query:progress', (p) => {
      setState((s) =>
        s.phase === 'running' && s.requestId === p.requestId
          ? { ...s, serverState: p.state, ...(p.progress !== undefined ? { progress: p.progress } : {}) }
          : s,
      );
    });
    return () => {
      dispose();
      // Leaving the view stops the work it started.
      const running = currentId.current;
      currentId.current = null;
      latestRun.current = null;
      if (running) invoke('query:cancel', { requestId: running }).catch(() => undefined);
    };
  }, []);

  const run = useCallback((query: string, environmentId: string, timeframe?: RunTimeframe) => {
    const previous = currentId.current;
    if (previous) invoke('query:cancel', { requestId: previous }).catch(() => undefined);
    const requestId = newRequestId();
    currentId.current = requestId;
    latestRun.current = requestId;
    const shownPages = pages.current;
    pages.current = null;
    // A failure that stopped them already says why; with the pages gone, asking again cannot help.
    if (shownPages && !shownPages.complete) setPageError((e) => (e ? { ...e, retryable: false } : REPLACED));
    const startedAt = performance.now();
    setState({ phase: 'running', requestId, cancelling: false });

    invoke('query:execute', {
      requestId,
      environmentId,
      query,
      timezone: localTimezone(),
      ...timeframe,
    }).then(
      (outcome) => {
        if (currentId.current !== requestId) return;
        currentId.current = null;
        // Held by column from here on: a big result as objects is what the GC traces (see record-table).
        const { summary, table: shown } = receiveOutcome(outcome);
        setState({ phase: 'done', summary });
        if (outcome.state === 'SUCCEEDED') {
          setResult(shown);
          setResultRun({ query, environmentId, timeframe });
          setResultTotal(outcome.more?.total);
          setPageError(undefined);
        }
        if (outcome.more && outcome.result && shown) {
          const isCurrent = () => latestRun.current === requestId;
          // The table as far as it has been converted (pages arrive one at a time, in order).
          let table = shown.records;
          pages.current = new RemainingPages({
            more: outcome.more,
            loaded: outcome.result.records.length,
            source: ipcPageSource(outcome.more.pageId),
            onRecords: async (records) => {
              table = await appendInSlices(table, records, APPEND_SLICE, nextTask);
              if (isCurrent()) setResult((r) => r && { ...r, records: table });
            },
            onError: (error) => isCurrent() && setPageError(error),
            isCurrent,
          });
          void pages.current.load();
        }
      },
      (err: unknown) => {
        if (currentId.current !== requestId) return;
        currentId.current = null;
        const code = codeOf(err);
        if (code === 'CANCELLED') {
          // Cancellation is a state, not an error.
          setState({
            phase: 'done',
            summary: { state: 'CANCELLED', durationMs: performance.now() - startedAt },
          });
        } else {
          const position = syntaxErrorPosition(detailsOf(err));
          setState({ phase: 'failed', message: errorMessage(err), code, ...(position ? { position } : {}) });
        }
      },
    );
  }, []);

  const cancel = useCallback(() => {
    const requestId = currentId.current;
    if (!requestId) return;
    setState((s) => (s.phase === 'running' && s.requestId === requestId ? { ...s, cancelling: true } : s));
    invoke('query:cancel', { requestId }).catch(() => undefined);
  }, []);

  const retryPages = useCallback(() => {
    setPageError(undefined);
    void pages.current?.load();
  }, []);

  return { state, result, resultRun, resultTotal, run, cancel, pageError, retryPages };
}
