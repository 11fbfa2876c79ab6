import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { parse } from '../../../src-shared/dql/parser';
import { ownTimeframeParameters } from '../../../src-shared/dql/timeframe-params';
import { QueryStatus } from '../results/QueryStatus';
import { ResultsTable } from '../results/ResultsTable';
import type { EditorController, EditorProblem } from './DqlEditor';
import { TimeframePicker } from './TimeframePicker';
import {
  DEFAULT_PRESET,
  describeTimeframe,
  resolveTimeframe,
  timeframeProblem,
  toLocalInput,
} from './timeframe';
import type { TimeframeChoice } from './timeframe';
import type { RequestOf } from '../../../src-shared/ipc/contract';
import { useQueryRun, type SentRun } from './useQueryRun';
import { summarizeValidation } from './validation';
import type { CostWarning } from '../../../src-shared/dql/cost-guard';
import type { EnvironmentSummary } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';
import { checkCost } from './cost-check';
import { saveDqlFile } from './query-file';
import { QuerySettingsForm } from './QuerySettingsForm';
import { SaveQueryForm } from './SaveQueryForm';
import { TabEnvironmentPicker } from './TabEnvironmentPicker';
import { useQuerySettings } from './useQuerySettings';
import { fetchMoreLimits, type ResultLimits } from '../../../src-shared/results/fetch-more';

// Monaco and the language service load with the first editor, not with the app shell.
const DqlEditor = lazy(() => import('./DqlEditor').then((m) => ({ default: m.DqlEditor })));

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const RUN_SHORTCUT = isMac ? '⌘↵' : 'Ctrl+Enter';

interface QueryTabProps {
  initialQuery: string;
  /** The tab's name (for file names, saved queries and labels). */
  title: string;
  /** The environment this tab runs against (its own choice, else the selected one). */
  environment: EnvironmentSummary | null;
  environments: readonly EnvironmentSummary[];
  /** The tab's own environment choice; null follows the top bar's selection. */
  environmentChoice: string | null;
  selectedEnvironment: EnvironmentSummary | null;
  onEnvironmentChoice: (choice: string | null) => void;
  /** Saves the query by name, for one environment or (null) all; resolves to a problem or undefined. */
  onSaveQuery: (name: string, query: string, environmentId: string | null) => Promise<string | undefined>;
  /** Only the visible tab reacts to Esc. */
  active: boolean;
  onQueryChange?: (query: string) => void;
  /** Called once per finished run (for the history). */
  onRan?: (run: RequestOf<'history:add'>) => void;
}

/** One query tab: its own query, timeframe, run state and result. */
export function QueryTab({
  initialQuery,
  title,
  environment,
  environments,
  environmentChoice,
  selectedEnvironment,
  onEnvironmentChoice,
  onSaveQuery,
  active,
  onQueryChange,
  onRan,
}: QueryTabProps) {
  const environmentId = environment?.id ?? null;
  const [query, setQuery] = useState(initialQuery);
  const [form, setForm] = useState<'limits' | 'save' | null>(null);
  const limitsButton = useRef<HTMLButtonElement>(null);
  const saveButton = useRef<HTMLButtonElement>(null);
  /** Closes the Limits or Save form and gives the focus back to the button that opened it. */
  const closeForm = useCallback(() => {
    const opener = form === 'limits' ? limitsButton : form === 'save' ? saveButton : null;
    setForm(null);
    opener?.current?.focus();
  }, [form]);
  const [costConfirm, setCostConfirm] = useState<{ query: string; warning: CostWarning } | null>(null);
  const limits = useQuerySettings(environmentId);
  const [timeframe, setTimeframe] = useState<TimeframeChoice>({ kind: 'relative', preset: DEFAULT_PRESET });
  const [validation, setValidation] = useState<string | null>(null);
  const { state, result, resultRun, resultTotal, run, cancel, pageError, retryPages } = useQueryRun();
  const editor = useRef<EditorController | null>(null);
  /** The run in flight, until its outcome is recorded in the history. */
  const pending = useRef<{
    query: string;
    environmentId: string;
    timeframe: string;
    timeframeMs?: number;
    startedAt: number;
  } | null>(null);
  const running = state.phase === 'running';
  /**
   * Bumped by every run request. The cost check before a run is asynchronous, so a check that
   * finishes after a newer request (another run, "fetch more") must not start its older query.
   */
  const runTicket = useRef(0);
  /** A run was asked for and its cost check is under way: the status says so at once. */
  const [starting, setStarting] = useState(false);

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

  /**
   * Sends a query as it is (after the cost guard), or again with higher limits for "fetch more":
   * then to the environment and over the window the records on screen came from, whatever the tab
   * has switched to since (a relative timeframe resolved anew would shift the records).
   */
  const execute = useCallback(
    (current: string, raised?: ResultLimits, again?: SentRun) => {
      const targetId = again ? again.environmentId : environmentId;
      if (!targetId || !current.trim()) return;
      let window: { defaultTimeframeStart: string; defaultTimeframeEnd: string };
      let label: string;
      if (again?.timeframe) {
        window = again.timeframe;
        label = describeTimeframe({
          kind: 'absolute',
          from: toLocalInput(Date.parse(window.defaultTimeframeStart)),
          to: toLocalInput(Date.parse(window.defaultTimeframeEnd)),
        });
      } else {
        const tf = resolveTimeframe(timeframe, Date.now());
        if (!tf.ok) return;
        window = tf;
        label = describeTimeframe(timeframe);
      }
      const timeframeMs = Date.parse(window.defaultTimeframeEnd) - Date.parse(window.defaultTimeframeStart);
      const { settings } = limits;
      const sent = raised ?? {
        maxResultRecords: settings.maxResultRecords,
        maxResultBytes: settings.maxResultBytes,
      };
      runTicket.current += 1;
      setStarting(false);
      pending.current = {
        query: current,
        environmentId: targetId,
        timeframe: label,
        ...(Number.isFinite(timeframeMs) ? { timeframeMs } : {}),
        startedAt: performance.now(),
      };
      setValidation(null);
      setCostConfirm(null);
      run(current, targetId, {
        defaultTimeframeStart: window.defaultTimeframeStart,
        defaultTimeframeEnd: window.defaultTimeframeEnd,
        ...sent,
        defaultScanLimitGbytes: again?.timeframe?.defaultScanLimitGbytes ?? settings.scanLimitGBytes,
      });
    },
    [environmentId, run, timeframe, limits],
  );

  /** Runs the selection or the statement under the cursor, asking first when it may cost too much. */
  const runNow = useCallback(() => {
    const current = editor.current?.runTarget() ?? editor.current?.text() ?? query;
    if (!environmentId || !current.trim()) return;
    const tf = resolveTimeframe(timeframe, Date.now());
    if (!tf.ok) return;
    const timeframeMs = Date.parse(tf.defaultTimeframeEnd) - Date.parse(tf.defaultTimeframeStart);
    const ticket = ++runTicket.current;
    setStarting(true);
    void checkCost(current, environmentId, limits.settings.scanLimitGBytes, timeframeMs).then((warning) => {
      if (runTicket.current !== ticket) return;
      setStarting(false);
      if (warning) setCostConfirm({ query: current, warning });
      else execute(current);
    });
  }, [environmentId, query, timeframe, limits, execute]);

  const verify = useMemo(
    () =>
      environmentId
        ? (text: string) => invoke('query:verify', { environmentId, query: text }).then((r) => r.problems)
        : undefined,
    [environmentId],
  );

  const validate = useCallback(() => {
    const diagnostics = editor.current?.validate();
    if (diagnostics) setValidation(summarizeValidation(query, diagnostics));
  }, [query]);

  // Field names in results teach completion and checks about this environment's data.
  useEffect(() => {
    if (!result || !resultRun) return;
    void import('../../dql-monaco/language-service').then(({ dqlService }) =>
      dqlService.learn(resultRun.environmentId, resultRun.query, result.types),
    );
  }, [result, resultRun]);

  // Each finished run goes into the environment's history, with what it cost.
  useEffect(() => {
    const run = pending.current;
    if (!run || (state.phase !== 'done' && state.phase !== 'failed')) return;
    pending.current = null;
    const base = {
      query: run.query,
      environmentId: run.environmentId,
      timeframe: run.timeframe,
      ...(run.timeframeMs !== undefined ? { timeframeMs: run.timeframeMs } : {}),
    };
    if (state.phase === 'failed') {
      onRan?.({ ...base, state: 'FAILED', durationMs: performance.now() - run.startedAt });
      return;
    }
    const { summary } = state;
    const scannedBytes = summary.metadata?.grail?.scannedBytes;
    onRan?.({
      ...base,
      state: summary.state,
      durationMs: summary.durationMs,
      ...(summary.records !== undefined ? { records: summary.records } : {}),
      ...(scannedBytes !== undefined ? { scannedBytes } : {}),
    });
  }, [state, onRan]);

  /** Cancels the run in flight, and a run still in its cost check (it is then never sent). */
  const cancelRun = useCallback(() => {
    runTicket.current += 1;
    setStarting(false);
    cancel();
  }, [cancel]);
  const busy = running || starting;

  // Esc cancels a running query (unless something else, like the suggest list, used the key).
  useEffect(() => {
    if (!busy || !active) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) cancelRun();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [busy, active, cancelRun]);

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
        <TabEnvironmentPicker
          tabTitle={title}
          environments={environments}
          choice={environmentChoice}
          selected={selectedEnvironment}
          onChange={onEnvironmentChoice}
        />
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
            ref={limitsButton}
            type="button"
            className="button"
            aria-expanded={form === 'limits'}
            disabled={!environment}
            onClick={() => setForm((f) => (f === 'limits' ? null : 'limits'))}
            title="Max records, max bytes and scan limit for this environment"
          >
            Limits
          </button>
          <button
            ref={saveButton}
            type="button"
            className="button"
            aria-expanded={form === 'save'}
            onClick={() => setForm((f) => (f === 'save' ? null : 'save'))}
            title="Save the query by name"
          >
            Save query
          </button>
          <button
            type="button"
            className="button"
            onClick={() => saveDqlFile(editor.current?.text() ?? query, title)}
            title="Download the query as a .dql file (Ctrl+S)"
          >
            Save to file
          </button>
          <button
            type="button"
            className="button"
            onClick={validate}
            title="Check the query without running it"
          >
            Validate
          </button>
          {busy && (
            <button
              type="button"
              className="button"
              onClick={cancelRun}
              disabled={state.phase === 'running' && state.cancelling}
              title="Cancel query (Esc)"
            >
              Cancel query
            </button>
          )}
          <button
            type="button"
            className="button button-primary"
            onClick={runNow}
            disabled={!canRun}
            title={environmentId ? `Run query (${RUN_SHORTCUT})` : 'Choose an environment first'}
          >
            Run query
          </button>
        </div>
      </div>
      {form === 'limits' && environment && (
        <QuerySettingsForm
          environmentName={environment.name}
          settings={limits.settings}
          onSave={limits.save}
          onClose={closeForm}
        />
      )}
      {form === 'save' && (
        <SaveQueryForm
          defaultName={title}
          environmentName={environment?.name ?? null}
          onSave={(name, global) =>
            onSaveQuery(name, editor.current?.text() ?? query, global ? null : environmentId)
          }
          onClose={closeForm}
        />
      )}
      {costConfirm && (
        <div className="banner banner-warning cost-guard" role="alert" aria-label="Cost warning">
          <p>{costConfirm.warning.message}</p>
          <div className="toolbar">
            <button type="button" className="button" onClick={() => setCostConfirm(null)}>
              Don&apos;t run
            </button>
            <button
              type="button"
              className="button button-primary"
              onClick={() => execute(costConfirm.query)}
            >
              Run anyway
            </button>
          </div>
        </div>
      )}
      <Suspense fallback={<div className="dql-editor dql-editor-loading">Loading editor…</div>}>
        <DqlEditor
          initialValue={initialQuery}
          environmentId={environmentId}
          onChange={changeQuery}
          onRun={runNow}
          onSaveFile={() => saveDqlFile(editor.current?.text() ?? query, title)}
          verify={verify}
          problem={problem}
          ref={editor}
        />
      </Suspense>
      {validation !== null && (
        <p className="validation" role="status" aria-label="Validation result">
          {validation}
        </p>
      )}
      <QueryStatus
        state={state}
        starting={starting}
        previousShown={
          result !== undefined &&
          (state.phase === 'failed' || (state.phase === 'done' && state.summary.state !== 'SUCCEEDED'))
        }
      />
      <ResultsTable
        result={result}
        busy={running}
        onAddFilter={(clause) => editor.current?.appendLine(clause)}
        expectedTotal={resultTotal}
        pageError={pageError}
        onRetryPages={retryPages}
        onFetchMore={() => {
          // More of the records on screen: raised from the limits of the run they came from.
          if (!resultRun || !result) return;
          const { settings } = limits;
          const used = {
            maxResultRecords: resultRun.timeframe?.maxResultRecords ?? settings.maxResultRecords,
            maxResultBytes: resultRun.timeframe?.maxResultBytes ?? settings.maxResultBytes,
          };
          const notified = (result.metadata.grail?.notifications ?? []).map((n) => n.notificationType);
          execute(resultRun.query, fetchMoreLimits(notified, result.records.length, used), resultRun);
        }}
      />
    </>
  );
}
