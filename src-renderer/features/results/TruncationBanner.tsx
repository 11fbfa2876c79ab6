import { formatCount } from '../../lib/format';

/** Says plainly that a limit cut the result, and offers to run again with a higher one. */
export function TruncationBanner({ loaded, onFetchMore }: { loaded: number; onFetchMore?: () => void }) {
  return (
    <div className="truncation-banner" role="alert" aria-label="Result truncated">
      The result hit its limit: only the first {formatCount(loaded)} records were returned.
      {onFetchMore && (
        <button type="button" className="button" onClick={onFetchMore}>
          Fetch more
        </button>
      )}
    </div>
  );
}
