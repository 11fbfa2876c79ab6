import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parse } from '../../../src-shared/dql/parser';
import { ownTimeframeParameters } from '../../../src-shared/dql/timeframe-params';
import { QueryStatus } from '../results/QueryStatus';
import { ResultsTable } from '../results/ResultsTable';
import type { EditorController, EditorProblem } from './DqlEditor';
import { TimeframePicker } from './TimeframePicker';
import { DEFAULT_PRESET, describeTimeframe, resolveTimeframe, timeframeProblem } from './timeframe';
import type { TimeframeChoice } from './timeframe';
import type { RequestOf } from '../../../src-shared/ipc/contract';
import { useQueryRun } from './useQueryRun';
import { summarizeValidation } from './validation';

// Monaco and the language service load with the first editor, not with the app shell.
const DqlEditor = lazy(() => import('./DqlEditor').then((m) => ({ default: m.DqlEditor })));

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const RUN_SHORTCUT = isMac ? '⌘↵' : 'Ctrl+Enter';

interface QueryTabProps {
  initialQuery: string;
  environmentId: string | null;
  /** Only the visible tab reacts to Esc. */
  active: boolean;
  onQueryChange?: (query: string) => void;
  /** Called once per finished run (for the history). */
  onRan?: (run: RequestOf<'history:add'>) => void;
}

/** One query tab: its own query, timeframe, run state and result. */
export function QueryTab({ initialQuery, environmentId, active, onQueryChange, onRan }: QueryTabProps) {
  const [query, setQuery] = useState(initialQuery);
  const [timeframe, setTimeframe] = useState<TimeframeChoice>({ kind: 'relative', preset: DEFAULT_PRESET });
  const [validation, setValidation] = useState<string | null>(null);
  const { state, result, run, cancel } = useQueryRun();
  const editor = useRef<EditorController | null>(null);
  const lastRun = useRef<{ query: string; environmentId: string } | null>(null);
  /** The run in flight, until its outcome is recorded in the history. */
  const pending = useRef<{
    query: string;
    environmentId: string;
    timeframe: string;
    startedAt: number;
  } | null>(null);
  const running = state.phase === 'running';

  const overriddenBy = useMemo(() => ownTimeframeParameters(parse(query).ast), [query]);
  const timeframeError = timeframeProblem(timeframe);
  const canRun = environmentId !== null && query.trim().length > 0 && !timeframeError;

  const changeQuery = useCallback(
    (q: string) => {
      setQuery(q);
      setValidation(null);
      onQueryChange?.(q);
    },
    [onQueryChange],
  );

  const runNow = useCallback(
    (maxResultRecords?: number) => {
      const current = editor.current?.text() ?? query;
      if (!environmentId || !current.trim()) return;
      const tf = resolveTimeframe(timeframe, Date.now());
      if (!tf.ok) return;
      lastRun.current = { query: current, environmentId };
      pending.current = {
        query: current,
        environmentId,
        timeframe: describeTimeframe(timeframe),
        startedAt: performance.now(),
      };
      setValidation(null);
      run(current, environmentId, {
        defaultTimeframeStart: tf.defaultTimeframeStart,
        defaultTimeframeEnd: tf.defaultTimeframeEnd,
        ...(maxResultRecords ? { maxResultRecords } : {}),
      });
    },
    [environmentId, query, run, timeframe],
  );

  const validate = useCallback(() => {
    const diagnostics = editor.current?.validate();
    if (diagnostics) setValidation(summarizeValidation(query, diagnostics));
  }, [query]);

  // Field names in results teach completion and checks about this environment's data.
  useEffect(() => {
    const ran = lastRun.current;
    if (!result || !ran) return;
    void import('../../dql-monaco/language-service').then(({ dqlService }) =>
      dqlService.learn(ran.environmentId, ran.query, result.types),
    );
  }, [result]);

  // Each finished run goes into the environment's history, with what it cost.
  useEffect(() => {
    const run = pending.current;
    if (!run || (state.phase !== 'done' && state.phase !== 'failed')) return;
    pending.current = null;
    const base = { query: run.query, environmentId: run.environmentId, timeframe: run.timeframe };
    if (state.phase === 'failed') {
      onRan?.({ ...base, state: 'FAILED', durationMs: performance.now() - run.startedAt });
      return;
    }
    const { outcome } = state;
    const scannedBytes = outcome.result?.metadata.grail?.scannedBytes;
    onRan?.({
      ...base,
      state: outcome.state,
      durationMs: outcome.durationMs,
      ...(outcome.result ? { records: outcome.result.records.length } : {}),
      ...(scannedBytes !== undefined ? { scannedBytes } : {}),
    });
  }, [state, onRan]);

  // Esc cancels a running query (unless something else, like the suggest list, used the key).
  useEffect(() => {
    if (!running || !active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) cancel();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [running, active, cancel]);

  const problem = useMemo<EditorProblem | undefined>(
    () =>
      state.phase === 'failed' && state.position
        ? { position: state.position, message: state.message }
        : undefined,
    [state],
  );

  return (
    <>
      <div className="query-toolbar" role="toolbar" aria-label="Query actions">
        <TimeframePicker
          value={timeframe}
          onChange={setTimeframe}
          overriddenBy={overriddenBy}
          error={timeframeError}
        />
        <div className="toolbar">
          <button
            type="button"
            className="button"
            onClick={() => editor.current?.format()}
            title="Format (Shift+Alt+F)"
          >
            Format
          </button>
          <button
            type="button"
            className="button"
            onClick={validate}
            title="Check the query without running it"
          >
            Validate
          </button>
          {running && (
            <button
              type="button"
              className="button"
              onClick={cancel}
              disabled={state.cancelling}
              title="Cancel query (Esc)"
            >
              Cancel query
            </button>
          )}
          <button
            type="button"
            className="button button-primary"
            onClick={() => runNow()}
            disabled={!canRun}
            title={environmentId ? `Run query (${RUN_SHORTCUT})` : 'Choose an environment first'}
          >
            Run query
          </button>
        </div>
      </div>
      <Suspense fallback={<div className="dql-editor dql-editor-loading">Loading editor…</div>}>
        <DqlEditor
          initialValue={initialQuery}
          environmentId={environmentId}
          onChange={changeQuery}
          onRun={runNow}
          problem={problem}
          ref={editor}
        />
      </Suspense>
      {validation !== null && (
        <p className="validation" role="status" aria-label="Validation result">
          {validation}
        </p>
      )}
      <QueryStatus state={state} />
      <ResultsTable
        result={result}
        busy={running}
        onAddFilter={(clause) => editor.current?.appendLine(clause)}
        onFetchMore={() => runNow(Math.max(1000, (result?.records.length ?? 0) * 10))}
      />
    </>
  );
}
