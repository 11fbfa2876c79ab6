import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { SampleDataSetId, SandboxDataStatus } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';
import { errorMessage, formatBytes } from '../../lib/format';
import '../connections/connections.css';
import './sandbox-data.css';

const SAMPLES: { id: SampleDataSetId; label: string; description: string }[] = [
  {
    id: 'bike-rental',
    label: 'Load bike rentals',
    description: 'Completed rentals by station (RENT_NM), as in the getting-started notebook.',
  },
  {
    id: 'checkout-funnel',
    label: 'Load checkout funnel',
    description: 'Shop sessions from cart to order, dropping off at each step.',
  },
];

/** Data management of the embedded sandbox: size and count, sample sets, clearing, fault injection. */
export function SandboxDataDialog({ onClose }: { onClose: () => void }) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [status, setStatus] = useState<SandboxDataStatus | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmingClear, setConfirmingClear] = useState(false);
  const [faultText, setFaultText] = useState('');
  /** The user typed a spec: the opening status, if it comes later, must not replace it. */
  const faultTextEdited = useRef(false);
  const closeButton = useRef<HTMLButtonElement>(null);
  const clearButton = useRef<HTMLButtonElement>(null);
  /**
   * Where the keyboard focus was when an action started: its button is disabled while the action
   * runs (or, for "Delete all events", removed), which drops the focus to the page body, so a
   * keyboard user would have to start over from the top once it is done.
   */
  const focusBeforeAction = useRef<Element | null>(null);
  /** Cancelling the confirmation returns the focus to "Clear all events…". */
  const refocusClear = useRef(false);

  const run = useCallback(async (label: string, action: () => Promise<SandboxDataStatus>, done?: string) => {
    focusBeforeAction.current = document.activeElement;
    setBusy(label);
    setProblem(null);
    setNotice(null);
    try {
      setStatus(await action());
      if (done) setNotice(done);
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }, []);

  useEffect(() => {
    if (busy !== null) return;
    const before = focusBeforeAction.current;
    focusBeforeAction.current = null;
    if (!before || (document.activeElement && document.activeElement !== document.body)) return;
    const usable = (el: Element | null): el is HTMLElement =>
      el instanceof HTMLElement && el.isConnected && !(el as HTMLButtonElement).disabled;
    const target = [before, clearButton.current, closeButton.current].find(usable);
    target?.focus();
  }, [busy]);

  useEffect(() => {
    if (confirmingClear || !refocusClear.current) return;
    refocusClear.current = false;
    clearButton.current?.focus();
  }, [confirmingClear]);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    let live = true;
    invoke('sandbox:status', {}).then(
      (s) => {
        if (!live) return;
        setStatus(s);
        if (!faultTextEdited.current) setFaultText(s.faults);
      },
      (err: unknown) => live && setProblem(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  const loadSample = (sample: (typeof SAMPLES)[number]) =>
    run(`Loading ${sample.id}…`, async () => {
      const out = await invoke('sandbox:loadSample', { dataSet: sample.id });
      setNotice(`Loaded ${out.loaded.toLocaleString('en-US')} events.`);
      return out.status;
    });

  return (
    <dialog ref={dialog} className="connections-dialog" aria-label="Sandbox data" onClose={onClose}>
      <header className="connections-header">
        <h2>Sandbox data</h2>
        <span className="spacer" />
        <button
          ref={closeButton}
          type="button"
          className="button button-small"
          onClick={() => dialog.current?.close()}
        >
          Close
        </button>
      </header>
      <div className="connections-detail">
        <section aria-label="Stored data">
          <h3>Stored data</h3>
          <p className="sandbox-stats">
            <span role="status" aria-label="Event count">
              {status ? `${status.eventCount.toLocaleString('en-US')} events` : 'Counting…'}
            </span>
            <span role="status" aria-label="Size on disk">
              {status ? `${formatBytes(status.sizeBytes)} on disk` : ''}
            </span>
          </p>
        </section>
        <section aria-label="Sample data sets">
          <h3>Sample data</h3>
          {SAMPLES.map((s) => (
            <div key={s.id} className="sandbox-sample">
              <button
                type="button"
                className="button"
                disabled={busy !== null}
                aria-describedby={`${id}-${s.id}`}
                onClick={() => void loadSample(s)}
              >
                {s.label}
              </button>
              <span id={`${id}-${s.id}`} className="hint">
                {s.description}
              </span>
            </div>
          ))}
        </section>
        <section aria-label="Clear data">
          <h3>Clear data</h3>
          {!confirmingClear ? (
            <button
              ref={clearButton}
              type="button"
              className="button"
              disabled={busy !== null || !status || status.eventCount === 0}
              onClick={() => setConfirmingClear(true)}
            >
              Clear all events…
            </button>
          ) : (
            <div role="group" aria-label="Confirm clearing" className="toolbar">
              <span className="hint hint-error">
                Delete all {status?.eventCount.toLocaleString('en-US')} events from the sandbox? This cannot
                be undone.
              </span>
              <button
                type="button"
                className="button button-danger"
                disabled={busy !== null}
                onClick={() => {
                  setConfirmingClear(false);
                  void run(
                    'Clearing…',
                    () => invoke('sandbox:clear', { confirm: true }),
                    'All events deleted.',
                  );
                }}
              >
                Delete all events
              </button>
              {/* The safe choice has the focus when the question appears. */}
              <button
                type="button"
                className="button"
                autoFocus
                onClick={() => {
                  refocusClear.current = true;
                  setConfirmingClear(false);
                }}
              >
                Cancel
              </button>
            </div>
          )}
        </section>
        <section aria-label="Fault injection">
          <h3>Fault injection</h3>
          <form
            className="profile-form"
            aria-label="Fault injection"
            onSubmit={(e) => {
              e.preventDefault();
              void run(
                'Applying…',
                () => invoke('sandbox:setFaults', { spec: faultText }),
                'Fault setting applied.',
              );
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-faults`}>Fault spec</label>
              <input
                id={`${id}-faults`}
                value={faultText}
                spellCheck={false}
                placeholder="429=0.1,503=0.05,latency=50-200,tokenTtl=30,seed=42"
                aria-describedby={`${id}-faults-hint`}
                onChange={(e) => {
                  faultTextEdited.current = true;
                  setFaultText(e.target.value);
                }}
              />
              <span id={`${id}-faults-hint`} className="hint">
                Shares of ingest and query requests answered 429 (with Retry-After) or 503, added latency in
                ms, token lifetime in seconds, seed. Off when empty; off again after a restart.
              </span>
            </div>
            <p role="status" aria-label="Faults in force" className="hint">
              {status ? (status.faults ? `Injecting: ${status.faults}` : 'No faults injected.') : ''}
            </p>
            <div className="toolbar">
              <button type="submit" className="button" disabled={busy !== null}>
                Apply faults
              </button>
              <button
                type="button"
                className="button"
                disabled={busy !== null || !status?.faults}
                onClick={() => {
                  setFaultText('');
                  void run(
                    'Applying…',
                    () => invoke('sandbox:setFaults', { spec: '' }),
                    'Faults turned off.',
                  );
                }}
              >
                Turn faults off
              </button>
            </div>
          </form>
        </section>
        {busy && (
          <p role="status" aria-label="Working" className="hint">
            {busy}
          </p>
        )}
        {notice && (
          <p role="status" aria-label="Result" className="hint">
            {notice}
          </p>
        )}
        {problem && (
          <p role="alert" className="hint hint-error">
            {problem}
          </p>
        )}
      </div>
    </dialog>
  );
}
