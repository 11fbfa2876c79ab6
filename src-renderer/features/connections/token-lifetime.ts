/** The top bar's token lifetime text (pure, unit-tested). */
import { TOKEN_REFRESH_MARGIN_MS } from '../../../src-shared/auth/token-refresh';
import type { EnvironmentSummary } from '../../../src-shared/ipc/contract';

/**
 * Null when there is nothing to say: no token is cached, or the environment is not ready (its
 * status says why; a countdown beside "Error" would contradict it). A token in its refresh margin
 * or past its expiry is not a problem — the next request fetches a new one — so it never reads
 * "expired" beside "Ready".
 */
export function tokenLifetimeText(
  expiresAt: number | undefined,
  now: number,
  status: EnvironmentSummary['status'],
): string | null {
  if (expiresAt === undefined || status !== 'ready') return null;
  const leftMs = expiresAt - now;
  if (leftMs <= TOKEN_REFRESH_MARGIN_MS) return 'Token renews on the next request';
  const left = Math.round(leftMs / 1000);
  return left >= 60 ? `Token ${Math.floor(left / 60)} min left` : `Token ${left} s left`;
}
