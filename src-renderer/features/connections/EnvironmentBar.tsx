import { useId, useState } from 'react';
import type { AppInfo } from '../../../src-shared/ipc/contract';
import { SandboxDataDialog } from '../sandbox/SandboxDataDialog';
import { ApiConsoleDialog } from './ApiConsoleDialog';
import { ConnectionsDialog } from './ConnectionsDialog';
import type { EnvironmentsState } from './useEnvironments';
import { environmentStatusLabel, secretBackendLabel } from './labels';
import { SafetyTag } from './SafetyTag';
import { TokenLifetime } from './TokenLifetime';

interface EnvironmentBarProps {
  environments: EnvironmentsState;
  appInfo: AppInfo | null;
}

/** Top bar: product name, environment picker with its label and status, and where secrets live. */
export function EnvironmentBar({ environments, appInfo }: EnvironmentBarProps) {
  const selectId = useId();
  const [managing, setManaging] = useState(false);
  const [consoleOpen, setConsoleOpen] = useState(false);
  const [sandboxDataOpen, setSandboxDataOpen] = useState(false);
  const { selected } = environments;
  const statusText = selected
    ? environmentStatusLabel(selected.status) + (selected.statusMessage ? ` — ${selected.statusMessage}` : '')
    : environments.loading
      ? 'Loading…'
      : 'No environment';

  return (
    <header className="top-bar">
      <h1 className="brand">
        <span className="brand-mark" aria-hidden="true" />
        Bizlens
      </h1>
      <div className={`env-picker env-color-${selected?.color ?? 'gray'}`}>
        <span className={`color-dot color-${selected?.color ?? 'gray'}`} aria-hidden="true" />
        <label htmlFor={selectId}>Environment</label>
        <select
          id={selectId}
          value={selected?.id ?? ''}
          disabled={environments.environments.length === 0}
          onChange={(e) => environments.select(e.target.value)}
        >
          {environments.environments.length === 0 && <option value="">{statusText}</option>}
          {environments.environments.map((env) => (
            <option key={env.id} value={env.id}>
              {env.name}
            </option>
          ))}
        </select>
        <span
          role="status"
          aria-label="Environment status"
          className={`badge badge-${selected?.status ?? 'none'}`}
          title={selected ? `${selected.url} · ${selected.kind}` : undefined}
        >
          {statusText}
        </span>
        <SafetyTag safety={selected?.safety} />
        <TokenLifetime expiresAt={selected?.tokenExpiresAt} status={selected?.status} />
        <button
          type="button"
          className="button button-small"
          aria-haspopup="dialog"
          onClick={() => setManaging(true)}
        >
          Connections
        </button>
        <button
          type="button"
          className="button button-small"
          aria-haspopup="dialog"
          disabled={!selected}
          onClick={() => setConsoleOpen(true)}
        >
          API console
        </button>
        {selected?.kind === 'sandbox' && (
          <button
            type="button"
            className="button button-small"
            aria-haspopup="dialog"
            disabled={selected.status !== 'ready'}
            onClick={() => setSandboxDataOpen(true)}
          >
            Sandbox data
          </button>
        )}
      </div>
      {environments.loadError && (
        <span className="top-bar-error" role="alert">
          Environments could not be loaded: {environments.loadError}
        </span>
      )}
      <span className="spacer" />
      <span
        role="status"
        aria-label="Secret storage"
        className={`secret-status secret-${appInfo?.secretBackend.kind ?? 'unknown'}`}
        title={appInfo?.secretBackend.detail}
      >
        {appInfo ? secretBackendLabel(appInfo.secretBackend.kind) : 'Checking secret storage…'}
      </span>
      {consoleOpen && selected && (
        <ApiConsoleDialog environment={selected} onClose={() => setConsoleOpen(false)} />
      )}
      {sandboxDataOpen && <SandboxDataDialog onClose={() => setSandboxDataOpen(false)} />}
      {managing && (
        <ConnectionsDialog
          environments={environments.environments}
          initialId={selected?.id ?? null}
          onClose={() => setManaging(false)}
        />
      )}
    </header>
  );
}
