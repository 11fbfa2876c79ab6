import { useId, type ReactNode } from 'react';
import type { HealthPanelRun } from '../../../src-shared/ipc/contract';
import { formatDuration, pluralize } from '../../lib/format';
import { openInEditor } from '../../lib/open-in-editor';

/**
 * One health panel: its title, how its query went, the DQL it ran (shown on demand) and "Open in
 * editor", which opens exactly that DQL in a new editor tab.
 */
export function PanelFrame({
  title,
  run,
  children,
}: {
  title: string;
  run: HealthPanelRun | undefined;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="health-panel" aria-labelledby={headingId}>
      <div className="health-panel-header">
        <h3 id={headingId}>{title}</h3>
        {run && !run.error && (
          <span className="hint">
            {pluralize(run.records, 'record')} in {formatDuration(run.durationMs)}
            {run.truncated ? ' (limit reached)' : ''}
          </span>
        )}
        {run && (
          <button
            type="button"
            className="button button-small health-open"
            aria-label={`Open “${title}” in editor`}
            onClick={() => openInEditor({ query: run.query, title })}
          >
            Open in editor
          </button>
        )}
      </div>
      {run?.error ? (
        <p className="health-error" role="alert">
          This panel’s query failed: {run.error.message}
        </p>
      ) : (
        children
      )}
      {run && (
        <details className="health-dql">
          <summary>DQL</summary>
          <pre aria-label={`DQL of “${title}”`}>{run.query}</pre>
        </details>
      )}
    </section>
  );
}
