import { useCallback, useMemo, useState } from 'react';
import type { EnvironmentSummary } from '../../../src-shared/ipc/contract';
import { QueryStatus } from '../results/QueryStatus';
import { ResultsTable } from '../results/ResultsTable';
import { DqlEditor, type EditorProblem } from './DqlEditor';
import { useQueryRun } from './useQueryRun';

export const DEFAULT_QUERY = 'fetch bizevents\n| sort timestamp desc\n| limit 100';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const RUN_SHORTCUT = isMac ? '⌘↵' : 'Ctrl+Enter';

interface QueryPanelProps {
  environment: EnvironmentSummary | null;
}

/** DQL editor, run/cancel, status line and the results grid. */
export function QueryPanel({ environment }: QueryPanelProps) {
  const [query, setQuery] = useState(DEFAULT_QUERY);
  const { state, result, run, cancel } = useQueryRun();
  const environmentId = environment?.id ?? null;
  const canRun = environmentId !== null && query.trim().length > 0;
  const running = state.phase === 'running';

  const runNow = useCallback(() => {
    if (environmentId && query.trim()) run(query, environmentId);
  }, [environmentId, query, run]);

  const problem = useMemo<EditorProblem | undefined>(
    () =>
      state.phase === 'failed' && state.position
        ? { position: state.position, message: state.message }
        : undefined,
    [state],
  );

  return (
    <section className="panel query-panel" aria-labelledby="query-heading">
      <div className="panel-header">
        <h2 id="query-heading">Query</h2>
        <div className="toolbar">
          {running && (
            <button type="button" className="button" onClick={cancel} disabled={state.cancelling}>
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
      <DqlEditor initialValue={DEFAULT_QUERY} onChange={setQuery} onRun={runNow} problem={problem} />
      <QueryStatus state={state} />
      <ResultsTable result={result} busy={running} />
    </section>
  );
}
