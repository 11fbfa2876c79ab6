import { useCallback, useRef, useState } from 'react';
import type { IngestContentType } from '../../../src-shared/grail/wire';
import { invoke } from '../../api/client';
import { errorMessage } from '../../lib/format';
import { summarizeSend, type SendSummary } from './send-summary';

export type SendState =
  | { phase: 'idle' }
  | { phase: 'sending' }
  | { phase: 'sent'; summary: SendSummary }
  | { phase: 'failed'; message: string };

/** Sends a payload with `ingest:send`; only the latest send's answer is shown. */
export function useIngestSend() {
  const [state, setState] = useState<SendState>({ phase: 'idle' });
  const latest = useRef(0);

  const send = useCallback((environmentId: string, body: string, contentType: IngestContentType) => {
    const ticket = ++latest.current;
    setState({ phase: 'sending' });
    invoke('ingest:send', { environmentId, body, contentType }).then(
      (response) =>
        ticket === latest.current && setState({ phase: 'sent', summary: summarizeSend(response) }),
      (err: unknown) =>
        ticket === latest.current && setState({ phase: 'failed', message: errorMessage(err) }),
    );
  }, []);

  return { state, send };
}
