import type { BulkJobView } from '../../../src-shared/ipc/contract';
import { formatBytes, formatCount } from '../../lib/format';
import type { BulkPhase } from './useBulkJob';

/** The job's progress bar and a status line named "Bulk progress": counts, rate, ETA, retries. */
export function BulkProgress({ state }: { state: BulkPhase }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'failed')
    return (
      <p role="status" aria-label="Bulk progress" className="hint hint-error">
        Not started: {state.message}
      </p>
    );
  if (state.phase === 'uploading')
    return (
      <div className="bulk-progress">
        <progress aria-label="Bulk job progress" max={state.size || 1} value={state.bytes} />
        <p role="status" aria-label="Bulk progress">
          Reading the file: {formatBytes(state.bytes)} of {formatBytes(state.size)}
        </p>
      </div>
    );
  const v = state.view;
  return (
    <div className="bulk-progress">
      <progress
        aria-label="Bulk job progress"
        max={v.total ?? 1}
        value={v.total === undefined ? 0 : v.sent + v.failed}
      />
      <p role="status" aria-label="Bulk progress" className={v.state === 'failed' ? 'hint-error' : undefined}>
        {describe(v)}
      </p>
    </div>
  );
}

function describe(v: BulkJobView): string {
  const total = v.total === undefined ? '' : ` of ${formatCount(v.total)}`;
  const counts = `${formatCount(v.sent)}${total} sent, ${formatCount(v.failed)} rejected`;
  switch (v.state) {
    case 'receiving':
    case 'ready':
      return 'Starting…';
    case 'validating':
      return 'Checking every event before sending…';
    case 'sending':
      return (
        `Sending: ${counts} · ${formatCount(v.eventsPerSecond)} events/s` +
        (v.etaSeconds !== undefined ? ` · about ${formatEta(v.etaSeconds)} left` : '') +
        (v.retrying ? ` · ${v.retrying}` : '')
      );
    case 'done':
      return `Done: ${counts}.`;
    case 'cancelled':
      return `Cancelled: ${counts}.`;
    case 'paused':
      return `Paused: ${counts}. ${v.error ?? ''} Resume to carry on.`;
    case 'failed':
      return v.sent === 0 && v.failed === 0
        ? `Nothing sent. ${v.error ?? ''}`
        : `Stopped: ${counts}. ${v.error ?? ''}`;
  }
}

function formatEta(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.floor(seconds / 60);
  return m < 60 ? `${m} min ${seconds % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
