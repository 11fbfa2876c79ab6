import { TOKEN_REFRESH_MARGIN_MS } from '../../../src-shared/auth/token-refresh';
import type { EnvironmentSummary } from '../../../src-shared/ipc/contract';
import { tokenLifetimeText } from './token-lifetime';
import { useNow } from './useNow';

interface TokenLifetimeProps {
  expiresAt: number | undefined;
  status: EnvironmentSummary['status'] | undefined;
}

/** How long the cached OAuth access token of the selected environment stays valid. */
export function TokenLifetime({ expiresAt, status }: TokenLifetimeProps) {
  const now = useNow(5_000);
  const text = status ? tokenLifetimeText(expiresAt, now, status) : null;
  if (text === null) return null;
  return (
    <span
      role="status"
      aria-label="Token lifetime"
      className="token-lifetime"
      title={`Renewed by the first request in its last ${TOKEN_REFRESH_MARGIN_MS / 1000} s`}
    >
      {text}
    </span>
  );
}
