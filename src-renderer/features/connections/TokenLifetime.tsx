import { useNow } from './useNow';

/** How long the cached OAuth access token of the selected environment stays valid. */
export function TokenLifetime({ expiresAt }: { expiresAt: number | undefined }) {
  const now = useNow(5_000);
  if (expiresAt === undefined) return null;
  const left = Math.max(0, Math.round((expiresAt - now) / 1000));
  const text =
    left === 0
      ? 'Token expired'
      : left >= 60
        ? `Token ${Math.floor(left / 60)} min left`
        : `Token ${left} s left`;
  return (
    <span
      role="status"
      aria-label="Token lifetime"
      className="token-lifetime"
      title="Refreshed automatically 30 s before it expires"
    >
      {text}
    </span>
  );
}
