import { useEffect, useId, useRef, useState } from 'react';
import type { ConsoleRequest, ConsoleResponse, EnvironmentSummary } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';
import { errorMessage } from '../../lib/format';
import './connections.css';
import { SafetyTag } from './SafetyTag';

type Method = ConsoleRequest['method'];
const METHODS: Method[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/**
 * Call any platform API or app function of the selected environment with its managed token
 * (seed 001). The token never reaches this page: main adds it and redacts the answer.
 */
export function ApiConsoleDialog({
  environment,
  onClose,
}: {
  environment: EnvironmentSummary;
  onClose: () => void;
}) {
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const [method, setMethod] = useState<Method>('GET');
  const [path, setPath] = useState('/platform/app-engine/app-functions/v1/apps/<app>/api/<function>');
  const [body, setBody] = useState('{}');
  const [confirmed, setConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [answer, setAnswer] = useState<ConsoleResponse | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);

  const write = method !== 'GET';
  const refused = write && environment.safety === 'read-only';
  const needsConfirm = write && environment.safety === 'production';

  const send = async () => {
    setBusy(true);
    setProblem(null);
    setAnswer(null);
    try {
      setAnswer(
        await invoke('console:call', {
          environmentId: environment.id,
          method,
          path,
          ...(write ? { body } : {}),
          ...(needsConfirm && confirmed ? { confirmProduction: true as const } : {}),
        }),
      );
    } catch (err) {
      setProblem(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const copyCurl = async () => {
    if (!answer) return;
    try {
      await navigator.clipboard.writeText(answer.curl);
      setCopied('Copied.');
    } catch {
      setCopied('Copying is not allowed here: select the command and copy it.');
    }
  };

  return (
    <dialog ref={dialog} className="connections-dialog" aria-label="API console" onClose={onClose}>
      <header className="connections-header">
        <h2>API console — {environment.name}</h2>
        <SafetyTag safety={environment.safety} />
        <span className="spacer" />
        <button type="button" className="button button-small" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </header>
      <div className="connections-detail">
        <form
          className="profile-form"
          aria-label="API request"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <div className="profile-form-row">
            <div className="field">
              <label htmlFor={`${id}-method`}>Method</label>
              <select
                id={`${id}-method`}
                value={method}
                onChange={(e) => setMethod(e.target.value as Method)}
              >
                {METHODS.map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </div>
            <div className="field console-path">
              <label htmlFor={`${id}-path`}>Path</label>
              <input
                id={`${id}-path`}
                value={path}
                spellCheck={false}
                onChange={(e) => setPath(e.target.value)}
              />
            </div>
          </div>
          {write && (
            <div className="field">
              <label htmlFor={`${id}-body`}>Request body</label>
              <textarea
                id={`${id}-body`}
                className="report-text"
                rows={6}
                value={body}
                spellCheck={false}
                onChange={(e) => setBody(e.target.value)}
              />
            </div>
          )}
          {needsConfirm && (
            <label className="inline-label">
              <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} /> I
              confirm this write to the production environment “{environment.name}”
            </label>
          )}
          {refused && (
            <p className="hint hint-error">“{environment.name}” is read-only: only GET requests are sent.</p>
          )}
          <div className="toolbar">
            <button
              type="submit"
              className="button button-primary"
              disabled={busy || refused || (needsConfirm && !confirmed)}
            >
              Send request
            </button>
          </div>
        </form>
        {problem && (
          <p role="alert" className="hint hint-error">
            {problem}
          </p>
        )}
        {answer && (
          <section className="diagnostics" aria-label="API response">
            <p role="status" aria-label="Response status" className="hint">
              HTTP {answer.status} in {answer.durationMs} ms
              {answer.truncated ? ' (body truncated to 1 MB)' : ''}
            </p>
            <table className="scope-table" aria-label="Response headers">
              <tbody>
                {answer.headers.map(([name, value]) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>{value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <pre className="report-text console-body" aria-label="Response body">
              {answer.body}
            </pre>
            <textarea
              className="report-text"
              aria-label="curl command"
              readOnly
              rows={6}
              value={answer.curl}
            />
            <div className="toolbar">
              <button type="button" className="button button-small" onClick={() => void copyCurl()}>
                Copy as curl
              </button>
              {copied && <span role="status">{copied}</span>}
            </div>
          </section>
        )}
      </div>
    </dialog>
  );
}
