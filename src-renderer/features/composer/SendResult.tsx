import type { SendState } from './useIngestSend';

/** What the server said about the last send, as a polite live region named "Send result". */
export function SendResult({ state }: { state: SendState }) {
  const tone =
    state.phase === 'sent'
      ? state.summary.accepted
        ? 'ok'
        : 'error'
      : state.phase === 'failed'
        ? 'error'
        : 'muted';
  return (
    <div role="status" aria-label="Send result" className={`send-result send-result-${tone}`}>
      {state.phase === 'sending' && <span>Sending…</span>}
      {state.phase === 'failed' && <span>Not sent: {state.message}</span>}
      {state.phase === 'sent' && (
        <>
          <span className="send-headline">{state.summary.headline}</span>
          {state.summary.problems.length > 0 && (
            <ul className="send-problems">
              {state.summary.problems.map((p, i) => (
                <li key={i}>
                  {p.index !== undefined && <span className="problem-where">Index {p.index}: </span>}
                  {p.message}
                  {p.id !== undefined && <span className="problem-id"> (id {p.id})</span>}
                </li>
              ))}
            </ul>
          )}
          {state.summary.rawBody !== undefined && <pre className="send-body">{state.summary.rawBody}</pre>}
        </>
      )}
    </div>
  );
}
