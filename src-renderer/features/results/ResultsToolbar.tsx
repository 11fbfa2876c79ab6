import type { ExportFormat } from '../../../src-shared/results/export';
import { formatCount } from '../../lib/format';

interface ResultsToolbarProps {
  filter: string;
  onFilterChange: (text: string) => void;
  utc: boolean;
  onUtcChange: (utc: boolean) => void;
  shown: number;
  total: number;
  onExport: (format: ExportFormat) => void;
  /** Present when the result can be drawn; `chart` says whether the chart is shown. */
  chart?: { shown: boolean; toggle: () => void };
}

/** Filter within the loaded result, the time display toggle and export of what is shown. */
export function ResultsToolbar(props: ResultsToolbarProps) {
  const { filter, onFilterChange, utc, onUtcChange, shown, total, onExport, chart } = props;
  return (
    <div className="results-toolbar" role="toolbar" aria-label="Result actions">
      <input
        type="search"
        className="results-filter"
        aria-label="Filter results"
        placeholder="Filter loaded records…"
        value={filter}
        onChange={(e) => onFilterChange(e.target.value)}
      />
      <span className="results-count" aria-live="polite">
        {shown === total
          ? `${formatCount(total)} records`
          : `${formatCount(shown)} of ${formatCount(total)} records`}
      </span>
      <label className="results-utc">
        <input type="checkbox" checked={utc} onChange={(e) => onUtcChange(e.target.checked)} /> Times in UTC
        (ISO)
      </label>
      {chart && (
        <button type="button" className="button" aria-pressed={chart.shown} onClick={chart.toggle}>
          Bar chart
        </button>
      )}
      <span className="results-export" role="group" aria-label="Export">
        {(['csv', 'json', 'ndjson'] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            onClick={() => onExport(format)}
            title={`Download the ${shown === total ? 'loaded' : 'filtered'} records as ${format.toUpperCase()}, in the order shown`}
          >
            Export {format.toUpperCase()}
          </button>
        ))}
      </span>
    </div>
  );
}
