import { useState } from 'react';
import type { SecretBackendStatus } from '../../../src-shared/ipc/contract';

interface SecretBackendBannerProps {
  status: SecretBackendStatus;
  onUseSessionOnly: () => Promise<void>;
  error: string | null;
}

/**
 * Shown when no OS keychain is reachable. Falling back to memory-only secrets is the user's
 * explicit choice, never a silent default.
 */
export function SecretBackendBanner({ status, onUseSessionOnly, error }: SecretBackendBannerProps) {
  const [busy, setBusy] = useState(false);
  if (status.kind !== 'unavailable') return null;

  const choose = async () => {
    setBusy(true);
    try {
      await onUseSessionOnly();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="banner banner-warning" role="region" aria-label="Secret storage warning">
      <div className="banner-text">
        <strong>No OS keychain is reachable</strong>, so Bizlens cannot store tenant secrets safely on this
        machine. You can keep secrets in memory for this session only: they are forgotten when Bizlens closes,
        and you enter them again next time.
        {status.detail && <span className="banner-detail"> Detail: {status.detail}</span>}
        {error && <span className="banner-error"> Could not switch: {error}</span>}
      </div>
      <button type="button" className="button" onClick={() => void choose()} disabled={busy}>
        Use session-only secrets
      </button>
    </div>
  );
}
