import { useDeferredValue, useId, useMemo, useState } from 'react';
import { INGEST_CONTENT_TYPES, type IngestContentType } from '../../../src-shared/grail/wire';
import type { EnvironmentSummary } from '../../../src-shared/ipc/contract';
import { formatBytes, localTimezone, utf8Length } from '../../lib/format';
import { detectContentType } from './content-type';
import { FlattenPreview } from './FlattenPreview';
import { SendResult } from './SendResult';
import { DEFAULT_PAYLOAD, PAYLOAD_TEMPLATES } from './templates';
import { useFlattenPreview } from './useFlattenPreview';
import { useIngestSend } from './useIngestSend';

/** The bizevents ingest API's documented request limit. */
const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

interface ComposerProps {
  environment: EnvironmentSummary | null;
}

/** Write a business event, see what Grail will store, send it. */
export function Composer({ environment }: ComposerProps) {
  const ids = { payload: useId(), contentType: useId(), template: useId() };
  const [payload, setPayload] = useState(DEFAULT_PAYLOAD);
  /** The user's explicit choice; null while the type follows the payload. */
  const [pickedType, setPickedType] = useState<IngestContentType | null>(null);
  const [timezone] = useState(localTimezone);
  const { state: sendState, send } = useIngestSend();

  // Typing stays responsive on large payloads: detection and preview work on a deferred copy.
  const deferredPayload = useDeferredValue(payload);
  const detectedType = useMemo(() => detectContentType(deferredPayload), [deferredPayload]);
  const contentType = pickedType ?? detectedType;
  const preview = useFlattenPreview(deferredPayload, contentType);
  const bytes = useMemo(() => utf8Length(deferredPayload), [deferredPayload]);

  const applyTemplate = (id: string) => {
    const template = PAYLOAD_TEMPLATES.find((t) => t.id === id);
    if (!template) return;
    setPayload(template.body);
    setPickedType(null);
  };

  const sendNow = () => {
    if (!environment || sendState.phase === 'sending') return;
    send(environment.id, payload, pickedType ?? detectContentType(payload));
  };

  return (
    <section className="panel composer" aria-labelledby="composer-heading">
      <div className="panel-header">
        <h2 id="composer-heading">Event composer</h2>
        <span className="spacer" />
        <label htmlFor={ids.template} className="inline-label">
          Template
        </label>
        <select id={ids.template} value="" onChange={(e) => applyTemplate(e.target.value)}>
          <option value="" disabled>
            Insert an example…
          </option>
          {PAYLOAD_TEMPLATES.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </div>

      <div className="composer-controls">
        <label htmlFor={ids.contentType} className="inline-label">
          Content type
        </label>
        <select
          id={ids.contentType}
          value={contentType}
          onChange={(e) => setPickedType(e.target.value as IngestContentType)}
        >
          {INGEST_CONTENT_TYPES.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
        {pickedType === null ? (
          <span className="hint">auto-detected</span>
        ) : (
          <button type="button" className="button button-small" onClick={() => setPickedType(null)}>
            Detect content type
          </button>
        )}
      </div>

      <label htmlFor={ids.payload} className="visually-hidden">
        Event payload
      </label>
      <textarea
        id={ids.payload}
        className="payload"
        value={payload}
        onChange={(e) => setPayload(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            sendNow();
          }
        }}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        wrap="off"
        placeholder='{"event.type": "com.example.order", "total": 42}'
      />
      <div className="composer-footer">
        <SendResult state={sendState} />
        <span className={`hint payload-size${bytes > PAYLOAD_LIMIT_BYTES ? ' hint-error' : ''}`}>
          {formatBytes(bytes)} of {formatBytes(PAYLOAD_LIMIT_BYTES)}
        </span>
        <button
          type="button"
          className="button button-primary"
          onClick={sendNow}
          disabled={!environment || sendState.phase === 'sending'}
          title={
            environment
              ? `Send to ${environment.name} (Ctrl+Enter in the payload)`
              : 'Choose an environment first'
          }
        >
          Send
        </button>
      </div>
      <FlattenPreview preview={preview} timezone={timezone} stale={deferredPayload !== payload} />
    </section>
  );
}
