import { useCallback, useEffect, useRef, useState } from 'react';
import { AppError } from '../../../src-shared/errors';
import type { DiagnosticsReport, EnvironmentSummary, ProfileView } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';
import { errorMessage } from '../../lib/format';
import './connections.css';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { ProfileForm } from './ProfileForm';
import { EMPTY_FORM, draftFromForm, formFromView, type FormState } from './profile-form-model';
import { SafetyTag } from './SafetyTag';
import { TransferPanel } from './TransferPanel';

interface ConnectionsDialogProps {
  environments: EnvironmentSummary[];
  initialId: string | null;
  onClose: () => void;
}

type Problem = { message: string; field: string | null };

/** Manage tenant profiles: add, edit, test, reset secrets, remove, import/export. */
export function ConnectionsDialog({ environments, initialId, onClose }: ConnectionsDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [editingId, setEditingId] = useState<string | null>(initialId);
  const [saved, setSaved] = useState<ProfileView | null>(null);
  const [form, setForm] = useState<FormState>(EMPTY_FORM);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [report, setReport] = useState<DiagnosticsReport | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const [showTransfer, setShowTransfer] = useState(false);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const load = useCallback((id: string | null) => {
    setEditingId(id);
    setReport(null);
    setProblem(null);
    setStatus(null);
    setConfirmRemove(false);
    if (id === null) {
      setSaved(null);
      setForm(EMPTY_FORM);
      return;
    }
    invoke('environments:get', { id }).then(
      (view) => {
        setSaved(view);
        setForm(formFromView(view));
      },
      (err: unknown) => setProblem({ message: errorMessage(err), field: null }),
    );
  }, []);

  // The dialog mounts per opening: fetch the profile it was opened on (state updates are async).
  useEffect(() => {
    if (initialId === null) return;
    let live = true;
    invoke('environments:get', { id: initialId }).then(
      (view) => {
        if (!live) return;
        setSaved(view);
        setForm(formFromView(view));
      },
      (err: unknown) => live && setProblem({ message: errorMessage(err), field: null }),
    );
    return () => {
      live = false;
    };
  }, [initialId]);

  const run = async <T,>(what: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setProblem(null);
    try {
      return await what();
    } catch (err) {
      const field =
        err instanceof AppError && typeof err.details?.field === 'string' ? err.details.field : null;
      setProblem({ message: errorMessage(err), field });
      return null;
    } finally {
      setBusy(false);
    }
  };

  const save = async (): Promise<ProfileView | null> => {
    const view = await run(() => invoke('environments:save', draftFromForm(form)));
    if (view) {
      setSaved(view);
      setEditingId(view.id);
      // The secret was handed to main once; the form forgets it.
      setForm(formFromView(view));
      setStatus(`Saved “${view.name}”.`);
    }
    return view;
  };

  const test = async () => {
    const view = saved?.kind === 'sandbox' ? saved : await save();
    if (!view) return;
    setReport(null);
    setStatus('Testing…');
    const r = await run(() => invoke('environments:test', { id: view.id }));
    if (r) {
      setReport(r);
      setStatus('Test finished.');
    } else setStatus(null);
  };

  const reset = async (what: 'secret' | 'token') => {
    if (!editingId) return;
    const view = await run(() => invoke('environments:resetSecret', { id: editingId, what }));
    if (view) {
      setSaved(view);
      setStatus(
        what === 'secret' ? 'The stored secret was removed.' : 'The cached access token was dropped.',
      );
    }
  };

  const remove = async () => {
    if (!editingId) return;
    const list = await run(() => invoke('environments:remove', { id: editingId }));
    if (list) {
      setStatus('Removed.');
      load(null);
    }
  };

  const isSandbox = saved?.kind === 'sandbox';

  return (
    <dialog ref={dialog} className="connections-dialog" aria-label="Connections" onClose={onClose}>
      <header className="connections-header">
        <h2>Connections</h2>
        <span className="spacer" />
        <button type="button" className="button button-small" onClick={() => setShowTransfer((v) => !v)}>
          {showTransfer ? 'Hide import and export' : 'Import or export'}
        </button>
        <button type="button" className="button button-small" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </header>
      <div className="connections-body">
        <nav className="connections-list" aria-label="Environments">
          <ul>
            {environments.map((e) => (
              <li key={e.id}>
                <button
                  type="button"
                  className={`env-item${e.id === editingId ? ' env-item-current' : ''}`}
                  aria-current={e.id === editingId ? 'true' : undefined}
                  onClick={() => load(e.id)}
                >
                  <span className={`color-dot color-${e.color ?? 'gray'}`} aria-hidden="true" />
                  <span className="env-item-name">{e.name}</span>
                  <SafetyTag safety={e.safety} />
                </button>
              </li>
            ))}
          </ul>
          <button type="button" className="button button-small" onClick={() => load(null)}>
            Add environment
          </button>
        </nav>
        <div className="connections-detail">
          {showTransfer && (
            <TransferPanel environments={environments} onImported={() => setStatus('Imported.')} />
          )}
          {isSandbox ? (
            <div className="sandbox-note">
              <p>
                <strong>{saved.name}</strong> is the embedded sandbox at{' '}
                <code>{saved.url || '(starting)'}</code>. Bizlens generated its OAuth client and keeps the
                secret in the credential store.
              </p>
              <div className="toolbar">
                <button type="button" className="button" disabled={busy} onClick={() => void test()}>
                  Test connection
                </button>
                <button type="button" className="button" disabled={busy} onClick={() => void reset('token')}>
                  Forget cached token
                </button>
              </div>
            </div>
          ) : (
            <ProfileForm
              form={form}
              onChange={setForm}
              saved={saved}
              errorField={problem?.field ?? null}
              busy={busy}
              onSave={() => void save()}
              onTest={() => void test()}
            >
              {saved && (
                <>
                  <button
                    type="button"
                    className="button"
                    disabled={busy}
                    onClick={() => void reset('token')}
                  >
                    Forget cached token
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={busy || !saved.secret.configured}
                    onClick={() => void reset('secret')}
                  >
                    Forget stored secret
                  </button>
                  {confirmRemove ? (
                    <>
                      <button
                        type="button"
                        className="button button-danger"
                        disabled={busy}
                        onClick={() => void remove()}
                      >
                        Remove “{saved.name}”
                      </button>
                      <button type="button" className="button" onClick={() => setConfirmRemove(false)}>
                        Keep it
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="button"
                      disabled={busy}
                      onClick={() => setConfirmRemove(true)}
                    >
                      Remove environment
                    </button>
                  )}
                </>
              )}
            </ProfileForm>
          )}
          {problem && (
            <p role="alert" className="hint hint-error">
              {problem.message}
            </p>
          )}
          {status && (
            <p role="status" aria-label="Connections status" className="hint">
              {status}
            </p>
          )}
          {report && <DiagnosticsPanel report={report} />}
        </div>
      </div>
    </dialog>
  );
}
