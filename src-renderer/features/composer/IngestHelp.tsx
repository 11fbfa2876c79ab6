import { INGEST_CHOICES } from '../../../src-shared/grail/ingest-rules';

/**
 * The flattening rules and every choice Bizlens made where Dynatrace's behaviour is undocumented.
 * The choices come from src-shared/grail/ingest-rules.ts — the same module that implements them.
 */
export function IngestHelp() {
  return (
    <details className="ingest-help">
      <summary>How Grail stores events</summary>
      <div className="ingest-help-body">
        <ul>
          <li>Top-level scalars keep their JSON type: whole numbers become long, others double.</li>
          <li>Nested objects and arrays are stored as compact JSON strings; dotted keys are flat names.</li>
          <li>
            event.kind is always BIZ_EVENT; a missing event.provider or event.type becomes
            &quot;unknown&quot;; a missing event.id a generated UUID.
          </li>
          <li>
            CloudEvents: source → event.provider, type → event.type, id → event.id, time → timestamp; data
            members are lifted to the top level.
          </li>
          <li>
            timestamp: epoch seconds (≤ 1e11), milliseconds (≤ 1e14) or microseconds, or RFC 3339; missing or
            unparseable → ingest time; more than 10 minutes ahead → ingest time + 10 minutes.
          </li>
          <li>
            Added: dt.openpipeline.source, dt.openpipeline.pipelines, dt.system.bucket. Requests over 5 MiB
            are rejected with 413.
          </li>
        </ul>
        <h4>Where Dynatrace does not say, Bizlens chose</h4>
        <dl className="ingest-choices">
          {INGEST_CHOICES.map((c) => (
            <div key={c.topic}>
              <dt>{c.topic}</dt>
              <dd>{c.choice}</dd>
            </div>
          ))}
        </dl>
      </div>
    </details>
  );
}
