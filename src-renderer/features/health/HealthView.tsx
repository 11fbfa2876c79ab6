import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type {
  EnvironmentSummary,
  HealthReportFormat,
  HealthSnapshot,
} from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';
import { formatDuration, pluralize } from '../../lib/format';
import { TimeframePicker } from '../query/TimeframePicker';
import { DEFAULT_PRESET, resolveTimeframe, timeframeProblem, type TimeframeChoice } from '../query/timeframe';
import { downloadText } from '../results/download';
import { CanaryPanel } from './CanaryPanel';
import { DuplicatesPanel } from './DuplicatesPanel';
import { FindingsList } from './FindingsList';
import { MissingPanel } from './MissingPanel';
import { PanelFrame } from './PanelFrame';
import { ProvidersPanel } from './ProvidersPanel';
import { SizesPanel } from './SizesPanel';
import { fullTime } from './time-label';
import { useHealthCheck } from './useHealthCheck';
import { VolumePanel } from './VolumePanel';
import './health.css';

interface HealthViewProps {
  environment: EnvironmentSummary | null;
  /** The view is on screen: the first check runs when it is (and the environment is ready). */
  active: boolean;
}

/**
 * "Are our business events arriving?" for the selected environment and timeframe: findings first,
 * then one panel per question (each with its DQL), the canary probe, and a shareable report.
 */
export function HealthView({ environment, active }: HealthViewProps) {
  const [timeframe, setTimeframe] = useState<TimeframeChoice>({ kind: 'relative', preset: DEFAULT_PRESET });
  const [format, setFormat] = useState<HealthReportFormat>('markdown');
  const [exportError, setExportError] = useState<string | null>(null);
  const check = useHealthCheck(environment?.id ?? null);
  const formatId = useId();
  const ready = environment?.status === 'ready';
  const problem = timeframeProblem(timeframe);

  const runCheck = check.run;
  const run = useCallback(() => {
    const resolved = resolveTimeframe(timeframe, Date.now());
    if (resolved.ok) void runCheck(resolved);
  }, [timeframe, runCheck]);

  // The first look at an environment runs the check by itself.
  const autoRan = useRef<string | null>(null);
  useEffect(() => {
    if (!active || !ready || !environment || autoRan.current === environment.id) return;
    autoRan.current = environment.id;
    run();
  }, [active, ready, environment, run]);

  const [exported, setExported] = useState('');
  const exportReport = async () => {
    if (!environment) return;
    setExportError(null);
    setExported('');
    try {
      const report = await invoke('health:report', { environmentId: environment.id, format });
      downloadText(report.text, report.fileName, report.mimeType);
      // Without a word here the button seemed to do nothing (the desktop edition has no download bar).
      setExported(`Downloaded ${report.fileName}.`);
    } catch (err) {
      setExportError(err instanceof Error ? err.message : String(err));
    }
  };

  const state = check.state;
  const snapshot = state.kind === 'done' ? state.snapshot : null;
  return (
    <section className="panel health-view" aria-labelledby="health-heading">
      <div className="panel-header health-toolbar">
        <h2 id="health-heading">Ingestion health</h2>
        {environment && <span className="hint">{environment.name}</span>}
        <TimeframePicker value={timeframe} onChange={setTimeframe} overriddenBy={[]} error={problem} />
        {state.kind === 'running' ? (
          <button type="button" className="button" onClick={check.cancel}>
            Cancel check
          </button>
        ) : (
          <button
            type="button"
            className="button button-primary"
            disabled={!ready || problem !== undefined}
            onClick={run}
          >
            Run check
          </button>
        )}
        <div className="toolbar">
          <label className="inline-label" htmlFor={formatId}>
            Report format
          </label>
          <select
            id={formatId}
            value={format}
            onChange={(e) => setFormat(e.target.value as HealthReportFormat)}
          >
            <option value="markdown">Markdown</option>
            <option value="html">HTML</option>
          </select>
          <button type="button" className="button" disabled={!snapshot} onClick={() => void exportReport()}>
            Export report
          </button>
        </div>
      </div>
      <div className="health-body">
        <p className="health-status" role="status" aria-label="Health check status">
          {statusText(environment, state.kind === 'done' ? state.snapshot : null, state)}
        </p>
        {/* Below the toolbar, not in it: a file name there made the header wrap over the page. */}
        <p role="status" aria-label="Report export status" className="hint health-export-status">
          {exported}
        </p>
        {exportError && (
          <p className="health-error" role="alert">
            {exportError}
          </p>
        )}
        {snapshot && <Panels snapshot={snapshot} />}
        {environment && ready && <CanaryPanel environment={environment} />}
      </div>
    </section>
  );
}

function statusText(
  environment: EnvironmentSummary | null,
  snapshot: HealthSnapshot | null,
  state: ReturnType<typeof useHealthCheck>['state'],
): string {
  if (!environment) return 'Select an environment to check its ingestion.';
  if (environment.status === 'error' && environment.statusMessage)
    return `${environment.name}: ${environment.statusMessage} Test it under Connections.`;
  if (environment.status !== 'ready') return `${environment.name} is not ready yet.`;
  if (state.kind === 'running') return 'Checking…';
  if (state.kind === 'failed') return `The check failed: ${state.message}`;
  if (!snapshot) return 'Run the check to see whether events arrive.';
  const problems = snapshot.findings.filter((f) => f.severity === 'problem').length;
  return `Checked ${fullTime(snapshot.current.start)} – ${fullTime(snapshot.current.end)} in ${formatDuration(
    snapshot.durationMs,
  )}: ${pluralize(problems, 'problem')}, ${pluralize(snapshot.findings.length - problems, 'warning')}.`;
}

function Panels({ snapshot }: { snapshot: HealthSnapshot }) {
  const run = (id: HealthSnapshot['panels'][number]['id']) => snapshot.panels.find((p) => p.id === id);
  const title = (id: HealthSnapshot['panels'][number]['id']) => run(id)?.title ?? id;
  return (
    <>
      <FindingsList findings={snapshot.findings} />
      <div className="health-grid">
        <PanelFrame title={title('volume')} run={run('volume')}>
          {snapshot.volume && <VolumePanel volume={snapshot.volume} />}
        </PanelFrame>
        <PanelFrame title={title('providers')} run={run('providers')}>
          {snapshot.providers && <ProvidersPanel providers={snapshot.providers} />}
        </PanelFrame>
        <PanelFrame title={title('missing')} run={run('missing')}>
          {snapshot.missing && <MissingPanel missing={snapshot.missing} />}
        </PanelFrame>
        <PanelFrame title={title('duplicates')} run={run('duplicates')}>
          {snapshot.duplicates && <DuplicatesPanel duplicates={snapshot.duplicates} />}
        </PanelFrame>
        <PanelFrame title={title('sizes')} run={run('sizes')}>
          {snapshot.sizes && <SizesPanel sizes={snapshot.sizes} />}
        </PanelFrame>
      </div>
    </>
  );
}
