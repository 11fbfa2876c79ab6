import { memo, useId, useState } from 'react';
import type { IngestContentType } from '../../../src-shared/grail/wire';
import type { EnvironmentSummary } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';
import { errorMessage } from '../../lib/format';
import { curlSnippet, typeScriptSnippet } from './snippets';

interface CopyAsProps {
  environment: EnvironmentSummary | null;
  contentType: IngestContentType;
  /** The payload at the time of the copy (the editor's text, which the render may lag behind). */
  body: () => string;
  /** Why the payload cannot be a request now (malformed or empty), or null when it can. */
  unusable: string | null;
}

/**
 * Copies the request as curl or TypeScript, the credential as a placeholder. Memoized, and the
 * payload is read when copying: typing in the payload does not re-render it.
 */
export const CopyAs = memo(function CopyAs({ environment, contentType, body, unusable }: CopyAsProps) {
  const reasonId = useId();
  const [message, setMessage] = useState('');
  const reason = environment ? unusable : 'Choose an environment first';
  // A copy's result no longer describes the payload once it became (un)usable.
  const [messageReason, setMessageReason] = useState(reason);
  if (messageReason !== reason) {
    setMessageReason(reason);
    setMessage('');
  }

  const copy = async (kind: 'curl' | 'TypeScript') => {
    if (!environment) return;
    try {
      const { url } = await invoke('ingest:endpoint', { environmentId: environment.id });
      const input = { url, authKind: environment.authKind, contentType, body: body() };
      await navigator.clipboard.writeText(kind === 'curl' ? curlSnippet(input) : typeScriptSnippet(input));
      setMessage(`Copied as ${kind}; the credential is a placeholder.`);
    } catch (err) {
      setMessage(`Could not copy: ${errorMessage(err)}`);
    }
  };

  return (
    <div className="copy-as" role="group" aria-label="Copy request">
      <button
        type="button"
        className="button button-small"
        disabled={reason !== null}
        aria-describedby={reason !== null ? reasonId : undefined}
        onClick={() => void copy('curl')}
      >
        Copy as curl
      </button>
      <button
        type="button"
        className="button button-small"
        disabled={reason !== null}
        aria-describedby={reason !== null ? reasonId : undefined}
        onClick={() => void copy('TypeScript')}
      >
        Copy as TypeScript
      </button>
      {reason !== null && (
        <span id={reasonId} className="hint">
          {reason}.
        </span>
      )}
      <span role="status" aria-label="Copy result" className="hint">
        {message}
      </span>
    </div>
  );
});
