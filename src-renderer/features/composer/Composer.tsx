import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { MAX_NESTING_DEPTH, MAX_REQUEST_BYTES } from '../../../src-shared/grail/ingest-rules';
import { parseJsonDocument } from '../../../src-shared/grail/json-document';
import type { JsonSpan } from '../../../src-shared/grail/json-document';
import { INGEST_CONTENT_TYPES, type IngestContentType } from '../../../src-shared/grail/wire';
import type { EnvironmentSummary } from '../../../src-shared/ipc/contract';
import { formatBytes, localTimezone, pluralize, utf8Length } from '../../lib/format';
import { detectContentType } from './content-type';
import { BulkSend } from './BulkSend';
import { CopyAs } from './CopyAs';
import { addEventIds } from './event-ids';
import { FlattenPreview } from './FlattenPreview';
import { PayloadEditor } from './PayloadEditor';
import { ProblemList } from './ProblemList';
import { previewProblems } from './problems';
import { revealRange } from './reveal';
import { SaveTemplateForm } from './SaveTemplateForm';
import { SendResult } from './SendResult';
import { DEFAULT_PAYLOAD, PAYLOAD_TEMPLATES } from './templates';
import { useFlattenPreview } from './useFlattenPreview';
import { useIngestSend } from './useIngestSend';
import { useLivePayload } from './useLivePayload';
import { useUserTemplates } from './useUserTemplates';

interface ComposerProps {
  environment: EnvironmentSummary | null;
}

/** Write a business event, see what Grail will store, send it, see it arrive. */
export function Composer({ environment }: ComposerProps) {
  const ids = { payload: useId(), contentType: useId(), template: useId(), confirm: useId() };
  /** The user's explicit choice; null while the type follows the payload. */
  const [pickedType, setPickedType] = useState<IngestContentType | null>(null);
  const [confirmArrival, setConfirmArrival] = useState(true);
  const [timezone] = useState(localTimezone);
  const { state: sendState, send } = useIngestSend();
  // Typing stays responsive on large payloads: a keystroke renders nothing by itself; `payload`
  // (what detection, preview and marks are computed for) follows in the next frame, or in a
  // transition for slow previews, while `ahead` holds the newer text.
  const { textarea, payload, ahead, current, edited, replace, reportCost } = useLivePayload(DEFAULT_PAYLOAD);
  const stale = ahead !== null;
  const saved = useUserTemplates();
  /** The saved template last inserted, so it can be deleted. */
  const [savedInUse, setSavedInUse] = useState<string | null>(null);

  const detectedType = useMemo(() => detectContentType(payload), [payload]);
  const contentType = pickedType ?? detectedType;
  const { preview, generatedIds, elapsedMs } = useFlattenPreview(payload, contentType);
  useEffect(() => reportCost(elapsedMs), [elapsedMs, reportCost]);
  const bytes = useMemo(() => utf8Length(payload), [payload]);
  const problems = useMemo(() => previewProblems(preview), [preview]);
  const spans = useMemo(() => (preview.kind === 'ok' ? preview.spans : []), [preview]);

  // Rejected events are marked where they are: by the preview, and by the server after a send.
  const marks = useMemo(() => {
    const indexes = new Set<number>();
    if (preview.kind === 'ok') for (const r of preview.rejected) indexes.add(r.index);
    if (sendState.phase === 'sent')
      for (const p of sendState.summary.problems) if (p.index !== undefined) indexes.add(p.index);
    return [...indexes].flatMap((i) => (spans[i] ? [spans[i]] : []));
  }, [preview, sendState, spans]);

  // Ranges are in `payload`'s coordinates: none is revealed in newer text.
  const reveal = useCallback(
    (range: JsonSpan) => {
      if (textarea.current && current() === payload) revealRange(textarea.current, range);
    },
    [textarea, current, payload],
  );
  const revealEvent = useCallback(
    (index: number) => {
      const span = spans[index];
      if (span) reveal(span);
    },
    [spans, reveal],
  );

  const applyTemplate = (id: string) => {
    const template = PAYLOAD_TEMPLATES.find((t) => t.id === id) ?? saved.templates.find((t) => t.id === id);
    if (!template) return;
    replace(template.body);
    // An example's type follows its payload; a saved template keeps the type it was saved with.
    setPickedType('savedAt' in template ? template.contentType : null);
    setSavedInUse('savedAt' in template ? template.id : null);
  };

  const [namingTemplate, setNamingTemplate] = useState(false);
  const saveTemplateButton = useRef<HTMLButtonElement>(null);
  const closeTemplateForm = () => {
    setNamingTemplate(false);
    saveTemplateButton.current?.focus();
  };
  const savedTemplate = saved.templates.find((t) => t.id === savedInUse);

  const addIds = () => replace(addEventIds(current(), () => crypto.randomUUID()).text);

  const writeRefused = environment?.safety === 'read-only';
  // Malformed JSON is never sent: the problem list already says where it breaks. Neither is an
  // empty payload (the API would only answer 400).
  const invalidAhead = useMemo(() => ahead !== null && !isJson(ahead), [ahead]);
  const blank = ahead === null ? preview.kind === 'empty' : ahead.trim() === '';
  const invalid = preview.kind === 'error' || invalidAhead || blank;
  // Why the payload cannot go out as a request (sent or copied), in the words both controls use.
  const payloadUnusable = blank
    ? 'Write a payload or choose a template first'
    : invalid
      ? 'The payload is not valid JSON yet; see the problems below'
      : null;
  const sendNow = () => {
    // The text now, which the preview may not have caught up with yet (Ctrl+Enter while typing).
    const body = current();
    const refused = body.trim() === '' || preview.kind === 'error' || (body !== payload && !isJson(body));
    if (!environment || sendState.phase === 'sending' || writeRefused || refused) return;
    const production = environment.safety === 'production';
    // Main refuses production writes without this confirmation, whatever the UI does.
    if (production && !window.confirm(`Send to the production environment “${environment.name}”?`)) return;
    void send({
      environment,
      body,
      contentType: pickedType ?? detectContentType(body),
      confirmArrival,
      ...(production ? { confirmProduction: true as const } : {}),
    });
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
          <optgroup label="Examples">
            {PAYLOAD_TEMPLATES.map((t) => (
              <option key={t.id} value={t.id}>
                {t.label}
              </option>
            ))}
          </optgroup>
          {saved.templates.length > 0 && (
            <optgroup label="Saved">
              {saved.templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <button
          ref={saveTemplateButton}
          type="button"
          className="button button-small"
          aria-expanded={namingTemplate}
          onClick={() => setNamingTemplate((open) => !open)}
        >
          Save as template
        </button>
        {savedTemplate && (
          <button
            type="button"
            className="button button-small"
            onClick={() => {
              saved.remove(savedTemplate.id);
              setSavedInUse(null);
            }}
          >
            Delete template “{savedTemplate.name}”
          </button>
        )}
      </div>
      {namingTemplate && (
        <SaveTemplateForm
          onSave={(name) => saved.save(name, contentType, current())}
          onClose={closeTemplateForm}
        />
      )}
      {saved.error && (
        <p className="hint hint-error composer-note" role="alert">
          Templates: {saved.error}
        </p>
      )}

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
        <span className="spacer" />
        {generatedIds > 0 && contentType === 'application/json' && (
          <button
            type="button"
            className="button button-small"
            onClick={addIds}
            title="Grail generates ids for events without one; with your own, Bizlens can confirm their arrival"
          >
            Add event.id ({pluralize(generatedIds, 'event')})
          </button>
        )}
        <label htmlFor={ids.confirm} className="inline-label checkbox-label">
          <input
            id={ids.confirm}
            type="checkbox"
            checked={confirmArrival}
            onChange={(e) => setConfirmArrival(e.target.checked)}
          />
          Confirm arrival
        </label>
      </div>

      <label htmlFor={ids.payload} className="visually-hidden">
        Event payload
      </label>
      <PayloadEditor
        id={ids.payload}
        initialText={DEFAULT_PAYLOAD}
        onEdit={edited}
        onSubmit={sendNow}
        marks={stale ? NO_MARKS : marks}
        markedText={payload}
        textareaRef={textarea}
      />
      <div className="composer-footer">
        <SendResult state={sendState} {...(spans.length ? { onRevealEvent: revealEvent } : {})} />
        <span className={`hint payload-size${bytes > MAX_REQUEST_BYTES ? ' hint-error' : ''}`}>
          {formatBytes(bytes)} of {formatBytes(MAX_REQUEST_BYTES)}
        </span>
        <button
          type="button"
          className="button button-primary"
          onClick={sendNow}
          disabled={!environment || sendState.phase === 'sending' || writeRefused || invalid}
          title={
            !environment
              ? 'Choose an environment first'
              : (payloadUnusable ??
                (writeRefused
                  ? `${environment.name} is read-only`
                  : `Send to ${environment.name} (Ctrl+Enter in the payload)`))
          }
        >
          Send
        </button>
      </div>
      <CopyAs environment={environment} contentType={contentType} body={current} unusable={payloadUnusable} />
      <BulkSend environment={environment} template={current} />
      <ProblemList label="Payload problems" problems={problems} {...(stale ? {} : { onReveal: reveal })} />
      <FlattenPreview preview={preview} timezone={timezone} stale={stale} elapsedMs={elapsedMs} />
    </section>
  );
}

const NO_MARKS: readonly JsonSpan[] = [];

function isJson(text: string): boolean {
  return parseJsonDocument(text, MAX_NESTING_DEPTH).ok;
}
