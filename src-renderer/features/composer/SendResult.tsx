import { formatDuration, pluralize } from '../../lib/format';
import type { ArrivalState, SendState } from './useIngestSend';

interface SendResultProps {
  state: SendState;
  /** Selects the rejected event in the payload; absent when its place is unknown. */
  onRevealEvent?: (index: number) => void;
}

/** What the server said about the last send, as a polite live region named "Send result". */
export function SendResult({ state, onRevealEvent }: SendResultProps) {
  const tone =
    state.phase === 'sent'
      ? state.summary.accepted
        ? 'ok'
        : 'error'
      : state.phase === 'failed'
        ? 'error'
        : 'muted';
  return (
    <div className="send-result-area">
      <div role="status" aria-label="Send result" className={`send-result send-result-${tone}`}>
        {state.phase === 'sending' && <span>Sending…</span>}
        {state.phase === 'failed' && <span>Not sent: {state.message}</span>}
        {state.phase === 'sent' && (
          <>
            <span className="send-headline">{state.summary.headline}</span>
            {state.summary.explanation && <p className="send-explanation">{state.summary.explanation}</p>}
            {state.summary.problems.length > 0 && (
              <ul className="send-problems" aria-label="Rejected by the server">
                {state.summary.problems.map((p, i) => (
                  <li key={i}>
                    {p.index !== undefined && <span className="problem-where">Event {p.index}: </span>}
                    {p.message}
                    {p.id !== undefined && <span className="problem-id"> (id {p.id})</span>}
                    {p.index !== undefined && onRevealEvent && (
                      <button
                        type="button"
                        className="button button-small problem-reveal"
                        onClick={() => onRevealEvent(p.index!)}
                        aria-label={`Show rejected event ${p.index} in payload`}
                      >
                        Show
                      </button>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {state.summary.rawBody !== undefined && <pre className="send-body">{state.summary.rawBody}</pre>}
            {state.summary.body !== undefined && state.summary.rawBody === undefined && (
              <details className="send-body-details">
                <summary>Response body</summary>
                <pre className="send-body">{state.summary.body}</pre>
              </details>
            )}
          </>
        )}
      </div>
      {state.phase === 'sent' && state.arrival && (
        <div
          role="status"
          aria-label="Arrival"
          className={`send-arrival send-arrival-${arrivalTone(state.arrival)}`}
        >
          {arrivalText(state.arrival)}
        </div>
      )}
    </div>
  );
}

function arrivalTone(a: ArrivalState): 'ok' | 'error' | 'muted' {
  if (a.phase === 'done') return a.outcome.state === 'arrived' ? 'ok' : 'error';
  return a.phase === 'failed' ? 'error' : 'muted';
}

/** "Arrived: 2 events queryable 1.4 s after the send was acknowledged." and friends. */
export function arrivalText(a: ArrivalState): string {
  switch (a.phase) {
    case 'checking':
      return `Confirming arrival… ${a.found} of ${pluralize(a.expected, 'event')} queryable (${formatDuration(a.elapsedMs)})`;
    case 'untracked':
      return `Arrival not confirmed: ${pluralize(a.untracked, 'event')} without event.id (Grail generates one). Use “Add event.id” before sending to track them.`;
    case 'failed':
      return `Could not confirm arrival: ${a.message}`;
    case 'done': {
      const o = a.outcome;
      const untracked = a.untracked
        ? ` ${pluralize(a.untracked, 'event')} without event.id not tracked.`
        : '';
      if (o.state === 'arrived')
        return `Arrived: ${pluralize(o.expected, 'event')} queryable ${formatDuration(o.elapsedMs)} after the send was acknowledged (${pluralize(o.polls, 'query', 'queries')}).${untracked}`;
      return `Not visible after ${formatDuration(o.elapsedMs)}: ${o.found} of ${pluralize(o.expected, 'event')} queryable.${untracked}`;
    }
  }
}
