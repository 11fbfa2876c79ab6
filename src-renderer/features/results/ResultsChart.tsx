import { useEffect, useRef, useState } from 'react';
import { CHART_LABELS, chartDescription, chartTitle, isCategorical, type ChartSpec } from './chart-spec';
import { downloadUrl } from './download';

type Chart = { getDataURL(o: { type: 'png'; pixelRatio: number; backgroundColor: string }): string };

/**
 * Bars, a pie or lines/areas over time (ECharts, loaded with the first chart so the table view
 * does not pay for it), with PNG export. The first bar is at the top, in the result's order.
 */
export function ResultsChart({ spec }: { spec: ChartSpec }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import('./echarts-chart').then(({ drawChart }) => {
      if (disposed || !host.current) return;
      const drawn = drawChart(host.current, spec);
      chart.current = drawn.chart;
      dispose = drawn.dispose;
      setReady(true);
    });
    return () => {
      disposed = true;
      chart.current = null;
      dispose();
    };
  }, [spec]);

  const title = chartTitle(spec);
  const omitted = spec.data.omitted;
  const drawn = isCategorical(spec) ? spec.data.labels.length : spec.data.series.length;
  const unit = spec.kind === 'bar' ? 'bars' : spec.kind === 'pie' ? 'slices' : 'series';
  return (
    <div className="results-chart-area">
      <div className="results-chart-bar">
        <span>
          {title}
          {omitted > 0 ? ` (first ${drawn} ${unit}; ${omitted} more not drawn)` : ''}
        </span>
        <button
          type="button"
          className="button"
          disabled={!ready}
          onClick={() => {
            const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
            if (url) downloadUrl(url, 'bizlens-chart.png');
          }}
        >
          Export PNG
        </button>
      </div>
      <div
        ref={host}
        className="results-chart"
        role="img"
        aria-label={`${CHART_LABELS[spec.kind]} of ${title}: ${chartDescription(spec)}`}
        aria-busy={!ready}
      />
    </div>
  );
}
