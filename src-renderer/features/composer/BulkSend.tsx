import { memo, useId, useState } from 'react';
import { BULK_FILE_FORMATS } from '../../../src-shared/ipc/contract';
import type { EnvironmentSummary } from '../../../src-shared/ipc/contract';
import { detectBulkFormat } from '../../../src-shared/ingest/record-readers';
import { formatBytes, formatCount } from '../../lib/format';
import { GENERATOR_KINDS, newRow, toGenerator } from './field-generators';
import type { GeneratorKind, GeneratorRow } from './field-generators';
import { BulkJobList } from './BulkJobList';
import { BulkProgress } from './BulkProgress';
import { GeneratorParams } from './GeneratorParams';
import { useBulkJob } from './useBulkJob';

interface BulkSendProps {
  environment: EnvironmentSummary | null;
  /** The composer's payload: the template of generated events (read when a job starts). */
  template: () => string;
}

const FORMAT_LABELS: Record<(typeof BULK_FILE_FORMATS)[number], string> = {
  ndjson: 'NDJSON (one event per line)',
  'json-array': 'JSON array of events',
  csv: 'CSV with a header row',
};

/**
 * Bulk send: a file (NDJSON, JSON array, CSV) streamed to main, or N events generated from the
 * payload above with field generators. Main journals the job, validates every event before the
 * first request, sends in batches and reports progress; the job survives restarts. Memoized, and
 * the payload is read when a job starts: typing in the payload does not re-render the form.
 */
export const BulkSend = memo(function BulkSend({ environment, template }: BulkSendProps) {
  const ids = { file: useId(), format: useId(), count: useId(), batch: useId(), concurrency: useId() };
  const [source, setSource] = useState<'file' | 'generator'>('file');
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<'auto' | (typeof BULK_FILE_FORMATS)[number]>('auto');
  const [count, setCount] = useState('1000');
  const [batchEvents, setBatchEvents] = useState('5000');
  const [concurrency, setConcurrency] = useState('4');
  const [rows, setRows] = useState<GeneratorRow[]>(() => [newRow('sequence', 'order.number')]);
  const [formError, setFormError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const { state, arrival, earlier, desktop, start, startPicked, pause, cancel, resume, discard, verify } =
    useBulkJob();

  const running =
    state.phase === 'uploading' ||
    (state.phase === 'job' && ['receiving', 'validating', 'ready', 'sending'].includes(state.view.state));
  const writeRefused = environment?.safety === 'read-only';

  const submit = async () => {
    setFormError(null);
    if (!environment) return;
    const batch = Number(batchEvents);
    const inFlight = Number(concurrency);
    if (!Number.isInteger(batch) || batch < 1 || batch > 100_000)
      return setFormError('Events per batch must be a whole number from 1 to 100,000.');
    if (!Number.isInteger(inFlight) || inFlight < 1 || inFlight > 16)
      return setFormError('Requests in flight must be a whole number from 1 to 16.');
    const production = environment.safety === 'production';
    const confirmed = () =>
      !production || window.confirm(`Send a bulk job to the production environment “${environment.name}”?`);
    if (source === 'file' && desktop) {
      // Main shows the system's open dialog and reads the file itself.
      if (!confirmed()) return;
      return void startPicked({
        environmentId: environment.id,
        format,
        batchEvents: batch,
        concurrency: inFlight,
        ...(production ? { confirmProduction: true as const } : {}),
      });
    }
    let spec;
    if (source === 'file') {
      if (!file) return setFormError('Choose a file to send.');
      const head = await file.slice(0, 256).text();
      spec = {
        environmentId: environment.id,
        source: {
          kind: 'file' as const,
          name: file.name,
          format: format === 'auto' ? detectBulkFormat(file.name, head) : format,
          size: file.size,
        },
        batchEvents: batch,
        concurrency: inFlight,
      };
    } else {
      const n = Number(count);
      if (!Number.isInteger(n) || n < 1 || n > 100_000_000)
        return setFormError('Events to generate must be a whole number from 1 to 100,000,000.');
      const fields = [];
      for (const [i, row] of rows.entries()) {
        const g = toGenerator(row);
        if (typeof g === 'string') return setFormError(`Field generator ${i + 1}: ${g}`);
        fields.push(g);
      }
      spec = {
        environmentId: environment.id,
        source: {
          kind: 'generator' as const,
          template: template(),
          count: n,
          seed: Math.floor(Math.random() * 2 ** 32),
          fields,
        },
        batchEvents: batch,
        concurrency: inFlight,
      };
    }
    if (!confirmed()) return;
    void start({
      spec,
      ...(source === 'file' && file ? { file } : {}),
      ...(production ? { confirmProduction: true as const } : {}),
    });
  };

  const update = (key: number, patch: Partial<GeneratorRow>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  return (
    <section className="bulk-send" aria-label="Bulk jobs">
      <button
        type="button"
        className="button button-small bulk-toggle"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        Bulk jobs
      </button>
      {open && (
        <>
          <fieldset className="bulk-source">
            <legend>Events to send</legend>
            <label className="checkbox-label">
              <input
                type="radio"
                name="bulk-source"
                checked={source === 'file'}
                onChange={() => setSource('file')}
              />
              From a file
            </label>
            <label className="checkbox-label">
              <input
                type="radio"
                name="bulk-source"
                checked={source === 'generator'}
                onChange={() => setSource('generator')}
              />
              Generated from the payload above
            </label>
          </fieldset>

          {source === 'file' ? (
            <div className="bulk-row">
              {desktop ? (
                <span className="hint">Start bulk job asks for the file (NDJSON, JSON array or CSV).</span>
              ) : (
                <span className="bulk-pair">
                  <label htmlFor={ids.file}>Bulk file</label>
                  <input
                    id={ids.file}
                    type="file"
                    accept=".ndjson,.jsonl,.json,.csv,application/json,text/csv"
                    onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                  />
                </span>
              )}
              <span className="bulk-pair">
                <label htmlFor={ids.format}>File format</label>
                <select
                  id={ids.format}
                  value={format}
                  onChange={(e) => setFormat(e.target.value as typeof format)}
                >
                  <option value="auto">Detect from the file</option>
                  {BULK_FILE_FORMATS.map((f) => (
                    <option key={f} value={f}>
                      {FORMAT_LABELS[f]}
                    </option>
                  ))}
                </select>
              </span>
              {file && <span className="hint">{formatBytes(file.size)}</span>}
            </div>
          ) : (
            <div className="bulk-generator">
              <div className="bulk-row">
                <NumberField id={ids.count} label="Events to generate" value={count} onChange={setCount} />
              </div>
              <ul className="bulk-fields" aria-label="Field generators">
                {rows.map((row, i) => (
                  <li key={row.key} className="bulk-row">
                    <input
                      aria-label={`Field name ${i + 1}`}
                      placeholder="field name"
                      value={row.field}
                      onChange={(e) => update(row.key, { field: e.target.value })}
                    />
                    <select
                      aria-label={`Generator ${i + 1}`}
                      value={row.kind}
                      onChange={(e) => update(row.key, { kind: e.target.value as GeneratorKind })}
                    >
                      {GENERATOR_KINDS.map((k) => (
                        <option key={k.kind} value={k.kind}>
                          {k.label}
                        </option>
                      ))}
                    </select>
                    <GeneratorParams row={row} n={i + 1} update={(p) => update(row.key, p)} />
                    <button
                      type="button"
                      className="button button-small"
                      onClick={() => setRows((rs) => rs.filter((r) => r.key !== row.key))}
                    >
                      Remove generator {i + 1}
                    </button>
                  </li>
                ))}
              </ul>
              <button
                type="button"
                className="button button-small"
                onClick={() => setRows((rs) => [...rs, newRow()])}
              >
                Add field generator
              </button>
            </div>
          )}

          <div className="bulk-row">
            <NumberField
              id={ids.batch}
              label="Events per batch"
              max={100000}
              value={batchEvents}
              onChange={setBatchEvents}
            />
            <NumberField
              id={ids.concurrency}
              label="Requests in flight"
              max={16}
              value={concurrency}
              onChange={setConcurrency}
            />
          </div>
          <div className="bulk-row bulk-actions">
            <button
              type="button"
              className="button button-primary"
              onClick={() => void submit()}
              disabled={!environment || running || writeRefused}
            >
              Start bulk job
            </button>
            <button
              type="button"
              className="button"
              onClick={() => void pause()}
              disabled={!running || state.phase !== 'job'}
            >
              Pause bulk job
            </button>
            <button type="button" className="button" onClick={() => void cancel()} disabled={!running}>
              Cancel bulk job
            </button>
          </div>
          {formError && (
            <p className="hint hint-error" role="alert">
              {formError}
            </p>
          )}
          <BulkProgress state={state} />
          {state.phase === 'job' && state.view.state === 'done' && (
            <div className="bulk-row">
              <button type="button" className="button button-small" onClick={() => void verify()}>
                Count arrived events
              </button>
              {arrival && (
                <span role="status" aria-label="Bulk arrival">
                  {'error' in arrival
                    ? `Could not count: ${arrival.error}`
                    : `${formatCount(arrival.found)} of ${formatCount(arrival.expected)} events arrived` +
                      (arrival.duplicates ? `, ${formatCount(arrival.duplicates)} stored twice` : '') +
                      (arrival.ownIds
                        ? ` (${formatCount(arrival.ownIds)} with their own event.id not counted)`
                        : '')}
                </span>
              )}
            </div>
          )}
          <BulkJobList
            jobs={earlier}
            busy={running}
            onResume={(id) => void resume(id)}
            onDiscard={(id) => void discard(id)}
          />
        </>
      )}
    </section>
  );
});

/** A whole-number input from 1 with its label, kept on one line when the row wraps. */
function NumberField(props: {
  id: string;
  label: string;
  max?: number;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <span className="bulk-pair">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="number"
        min={1}
        max={props.max}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </span>
  );
}
