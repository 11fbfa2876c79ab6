import type { QueryRunState } from '../query/useQueryRun';
import { describeQueryError, notificationText, summarizeOutcome } from './query-summary';

/**
 * One status line (a polite live region) plus the server's notifications for the last result.
 * `starting`: a run was asked for but not sent yet (its cost check is under way).
 */
export function QueryStatus({ state, starting = false }: { state: QueryRunState; starting?: boolean }) {
  const notifications =
    state.phase === 'done' ? (state.outcome.result?.metadata.grail?.notifications ?? []) : [];
  return (
    <div className="query-status-bar">
      <p role="status" aria-label="Query status" className={`query-status query-status-${state.phase}`}>
        {starting && state.phase !== 'running' ? 'Running…' : statusText(state)}
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

function statusText(state: QueryRunState): string {
  switch (state.phase) {
    case 'idle':
      return 'Ready to run.';
    case 'running':
      if (state.cancelling) return 'Cancelling…';
      return state.progress !== undefined ? `Running… ${Math.round(state.progress)}%` : 'Running…';
    case 'done':
      return summarizeOutcome(state.outcome);
    case 'failed':
      return describeQueryError(state.message, state.position);
  }
}
