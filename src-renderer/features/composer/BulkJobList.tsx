import type { BulkJobView } from '../../../src-shared/ipc/contract';
import { formatCount } from '../../lib/format';
import './bulk-jobs.css';

interface BulkJobListProps {
  jobs: BulkJobView[];
  onResume: (jobId: string) => void;
  onDiscard: (jobId: string) => void;
  /** True while another job runs from this panel (one job at a time is followed here). */
  busy: boolean;
}

const STATE_LABELS: Record<BulkJobView['state'], string> = {
  receiving: 'upload interrupted',
  validating: 'checking',
  ready: 'not started',
  sending: 'sending',
  paused: 'paused',
  done: 'done',
  cancelled: 'cancelled',
  failed: 'stopped',
};

/**
 * Bulk jobs that did not finish (the app quit or crashed, the network went, the user paused):
 * the file name, how far each got, and Resume / Discard. Resuming carries on from the outbox
 * journal: batches already acknowledged are not sent again.
 */
export function BulkJobList({ jobs, onResume, onDiscard, busy }: BulkJobListProps) {
  if (jobs.length === 0) return null;
  return (
    <ul className="bulk-earlier" aria-label="Unfinished bulk jobs">
      {jobs.map((j) => {
        const done = j.sent + j.failed;
        // An interrupted upload cannot go on without the file: start it again instead. Neither can a
        // job whose events failed the check before sending: the same source would fail it again.
        const refused = j.state === 'failed' && j.total === undefined;
        const resumable =
          j.state !== 'receiving' && j.state !== 'sending' && j.state !== 'validating' && !refused;
        return (
          <li key={j.jobId} className="bulk-job" aria-label={j.label}>
            <span className="bulk-job-name">{j.label}</span>
            <progress
              aria-label={`Progress of ${j.label}`}
              max={j.total ?? 1}
              value={j.total === undefined ? 0 : done}
            />
            <span className="bulk-job-counts">
              {STATE_LABELS[j.state]}: {formatCount(j.sent)} of{' '}
              {j.total === undefined ? '?' : formatCount(j.total)} sent, {formatCount(j.failed)} failed
              {j.error ? ` (${j.error})` : ''}
              {refused && ' Fix the events and start a new job.'}
            </span>
            {resumable && (
              <button
                type="button"
                className="button button-small"
                disabled={busy}
                onClick={() => onResume(j.jobId)}
              >
                Resume {j.label}
              </button>
            )}
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                if (window.confirm(`Discard the unfinished bulk job “${j.label}”? Its journal is deleted.`))
                  onDiscard(j.jobId);
              }}
            >
              Discard {j.label}
            </button>
          </li>
        );
      })}
    </ul>
  );
}
