import type { QueryRunState } from '../query/useQueryRun';
import { describeQueryError, notificationText, summarizeOutcome } from './query-summary';

interface QueryStatusProps {
  state: QueryRunState;
  /** A run was asked for but not sent yet (its cost check is under way). */
  starting?: boolean;
  /** The records on screen are an earlier run's (the latest failed or was cancelled). */
  previousShown?: boolean;
}

/** One status line (a polite live region) plus the server's notifications for the last result. */
export function QueryStatus({ state, starting = false, previousShown = false }: QueryStatusProps) {
  const notifications = state.phase === 'done' ? (state.summary.metadata?.grail?.notifications ?? []) : [];
  return (
    <div className="query-status-bar">
      <p role="status" aria-label="Query status" className={`query-status query-status-${state.phase}`}>
        {starting && state.phase !== 'running' ? 'Running…' : statusText(state, previousShown)}
      </p>
      {notifications.length > 0 && (
        <ul className="notifications" aria-label="Query notifications">
          {notifications.map((n, i) => (
            <li key={i} className={`notification notification-${(n.severity ?? 'info').toLowerCase()}`}>
              {notificationText(n)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function statusText(state: QueryRunState, previousShown: boolean): string {
  const text = runText(state);
  if (!previousShown || (state.phase !== 'failed' && state.phase !== 'done')) return text;
  // The table below did not come from this run: say whose error this is and whose records those are.
  const sentence = state.phase === 'failed' ? `Latest run failed: ${text}` : text;
  return `${sentence}${/[.!?]$/.test(sentence) ? '' : '.'} The records below are from the previous run.`;
}

function runText(state: QueryRunState): string {
  switch (state.phase) {
    case 'idle':
      return 'Ready to run.';
    case 'running':
      if (state.cancelling) return 'Cancelling…';
      return state.progress !== undefined ? `Running… ${Math.round(state.progress)}%` : 'Running…';
    case 'done':
      return summarizeOutcome(state.summary);
    case 'failed':
      return describeQueryError(state.message, state.position);
  }
}
