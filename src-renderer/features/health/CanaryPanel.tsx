import { useId, useMemo } from 'react';
import { canaryOption } from '../../../src-shared/health/chart-options';
import { CANARY_PROVIDER } from '../../../src-shared/health/queries';
import type { CanaryRun, EnvironmentSummary } from '../../../src-shared/ipc/contract';
import { formatDuration } from '../../lib/format';
import { HealthChart } from './HealthChart';
import { clockTime, fullTime } from './time-label';
import { useCanary } from './useCanary';

const INTERVALS: ReadonlyArray<readonly [number | null, string]> = [
  [null, 'Off'],
  [30, 'Every 30 seconds'],
  [60, 'Every minute'],
  [300, 'Every 5 minutes'],
  [900, 'Every 15 minutes'],
];

export function describeRun(run: CanaryRun): string {
  switch (run.state) {
    case 'arrived':
      return `Queryable after ${formatDuration(run.queryableMs ?? 0)} (ingest answered in ${formatDuration(run.sendMs ?? 0)})`;
    case 'timeout':
      return `Not queryable: ${run.message ?? 'timed out'}`;
    case 'cancelled':
      return 'Cancelled';
    default:
      return `Failed: ${run.message ?? 'unknown error'}`;
  }
}

/** Sends a tagged canary event and measures the time until it is queryable, on demand or on an interval. */
export function CanaryPanel({ environment }: { environment: EnvironmentSummary }) {
  const canary = useCanary(environment.id);
  const headingId = useId();
  const intervalId = useId();
  const history = useMemo(() => canary.status?.history ?? [], [canary.status]);
  const option = useMemo(() => canaryOption(history, clockTime), [history]);
  const readOnly = environment.safety === 'read-only';
  const production = environment.safety === 'production';
  const last = history.at(-1);
  const running = canary.busy || canary.status?.running === true;

  // Main refuses production writes without this confirmation, whatever the UI does.
  const confirmed = (what: string) =>
    !production || window.confirm(`${what} to the production environment “${environment.name}”?`);

  return (
    <section className="health-panel health-canary" aria-labelledby={headingId}>
      <div className="health-panel-header">
        <h3 id={headingId}>Canary probe</h3>
        <button
          type="button"
          className="button button-primary button-small"
          disabled={readOnly || running}
          onClick={() => confirmed('Send a canary event') && void canary.runNow(production)}
        >
          {running ? 'Canary running…' : 'Run canary'}
        </button>
        <label className="inline-label" htmlFor={intervalId}>
          Canary interval
        </label>
        <select
          id={intervalId}
          disabled={readOnly}
          value={String(canary.status?.intervalSeconds ?? '')}
          onChange={(e) => {
            const seconds = e.target.value === '' ? null : Number(e.target.value);
            if (seconds !== null && !confirmed('Send canary events on an interval')) return;
            void canary.schedule(seconds, production && seconds !== null);
          }}
        >
          {INTERVALS.map(([seconds, text]) => (
            <option key={text} value={seconds === null ? '' : String(seconds)}>
              {text}
            </option>
          ))}
        </select>
      </div>
      <p className="hint health-note">
        Sends one event with event.provider “{CANARY_PROVIDER}” and polls until a query finds it.
        {readOnly ? ' This environment is read-only: Bizlens does not send events to it.' : ''}
      </p>
      <p className="health-summary" role="status" aria-label="Canary status">
        {running
          ? 'Sending a canary event and waiting until it is queryable…'
          : last
            ? describeRun(last)
            : 'No canary run yet.'}
      </p>
      {canary.error && (
        <p className="health-error" role="alert">
          {canary.error}
        </p>
      )}
      {history.length > 0 && (
        <>
          <HealthChart
            option={option}
            label={`Line chart of the time until the canary was queryable, last ${history.length} runs: ${history
              .slice(-10)
              .map((r) => (r.queryableMs === null ? r.state : formatDuration(r.queryableMs)))
              .join(', ')}`}
          />
          <table className="health-table" aria-label="Canary runs">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Trigger</th>
                <th scope="col">Result</th>
              </tr>
            </thead>
            <tbody>
              {[...history]
                .reverse()
                .slice(0, 10)
                .map((r) => (
                  <tr key={r.id} className={r.state === 'arrived' ? undefined : 'health-row-problem'}>
                    <td>{fullTime(r.startedAt)}</td>
                    <td>{r.trigger}</td>
                    <td>{describeRun(r)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
