import { useMemo, useState } from 'react';
import type { FlattenedEvent } from '../../../src-shared/grail/flatten';
import { pluralize } from '../../lib/format';
import { IngestHelp } from './IngestHelp';
import { storedEvent, type PreviewModel } from './preview';

type PreviewView = 'table' | 'json';

const FIELD_ROW_LIMIT = 2000;

interface FlattenPreviewProps {
  preview: PreviewModel;
  timezone: string;
  /** True while the preview lags behind the text being typed. */
  stale: boolean;
  /** How long the flattening took. */
  elapsedMs?: number;
}

/** "What Grail stores": the flattened, typed fields of each event, as a table or as JSON. */
export function FlattenPreview({ preview, timezone, stale, elapsedMs }: FlattenPreviewProps) {
  const [view, setView] = useState<PreviewView>('table');
  const [chosenEvent, setChosenEvent] = useState(0);

  const events = preview.kind === 'ok' ? preview.events : [];
  const eventIndex = Math.min(chosenEvent, Math.max(events.length - 1, 0));
  const event = events[eventIndex];
  const stored = useMemo(() => (event ? storedEvent(event, timezone) : undefined), [event, timezone]);

  return (
    <section className="preview" aria-label="Grail preview" aria-busy={stale}>
      <div className="preview-header">
        <h3>What Grail stores</h3>
        <span className="preview-summary">
          {summaryText(preview, event)}
          {preview.kind === 'ok' && elapsedMs !== undefined && ` · ${elapsedMs.toFixed(1)} ms`}
        </span>
        <span className="spacer" />
        {events.length > 1 && (
          <div className="pager" role="group" aria-label="Previewed event">
            <button
              type="button"
              className="button button-small"
              onClick={() => setChosenEvent(Math.max(eventIndex - 1, 0))}
              disabled={eventIndex === 0}
            >
              Previous event
            </button>
            {/* Events are numbered by their index in the payload, as the problems and the API's errors are. */}
            <span className="pager-position">
              Event {event?.index} ({eventIndex + 1} of {events.length} stored)
            </span>
            <button
              type="button"
              className="button button-small"
              onClick={() => setChosenEvent(Math.min(eventIndex + 1, events.length - 1))}
              disabled={eventIndex >= events.length - 1}
            >
              Next event
            </button>
          </div>
        )}
        <IngestHelp />
        <div className="segmented" role="group" aria-label="Preview view">
          <button type="button" aria-pressed={view === 'table'} onClick={() => setView('table')}>
            Table
          </button>
          <button type="button" aria-pressed={view === 'json'} onClick={() => setView('json')}>
            JSON
          </button>
        </div>
      </div>

      {preview.kind === 'empty' && <p className="preview-note">Type a payload or choose a template.</p>}
      {preview.kind === 'error' && (
        <p className="preview-note">Not valid yet: see the payload problems above.</p>
      )}

      {stored && view === 'table' && (
        <div className="preview-body">
          <table className="fields-table" aria-label="Stored fields">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Type</th>
                <th scope="col">Value</th>
              </tr>
            </thead>
            <tbody>
              {stored.fields.slice(0, FIELD_ROW_LIMIT).map((f) => (
                <tr key={f.name}>
                  <th scope="row" className="field-name">
                    {f.name}
                  </th>
                  <td className="field-type">{f.type ?? '—'}</td>
                  <td className={`field-value cell-${f.kind}`}>{f.text}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {stored.fields.length > FIELD_ROW_LIMIT && (
            <p className="preview-note">
              Showing the first {FIELD_ROW_LIMIT} of {stored.fields.length} fields; the JSON view has them
              all.
            </p>
          )}
        </div>
      )}
      {stored && view === 'json' && (
        <pre className="preview-body preview-json" aria-label="Stored record as JSON" tabIndex={0}>
          {stored.json}
        </pre>
      )}
    </section>
  );
}

function summaryText(preview: PreviewModel, shown: FlattenedEvent | undefined): string {
  switch (preview.kind) {
    case 'empty':
      return '';
    case 'error':
      return 'Not valid yet';
    case 'ok': {
      const parts = [pluralize(preview.events.length, 'event') + ' stored'];
      if (preview.rejected.length) parts.push(`${preview.rejected.length} rejected`);
      if (preview.warnings.length) parts.push(pluralize(preview.warnings.length, 'warning'));
      if (shown) parts.push(`${shown.fields.size} fields in event ${shown.index}`);
      return parts.join(' · ');
    }
  }
}
