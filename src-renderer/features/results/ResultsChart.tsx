import { useEffect, useRef, useState } from 'react';
import type { BarChartData } from '../../../src-shared/results/chart-data';
import { downloadUrl } from './download';

type Chart = { getDataURL(o: { type: 'png'; pixelRatio: number; backgroundColor: string }): string };

/**
 * Horizontal categorical bars (ECharts, loaded with the first chart so the table view does not
 * pay for it). The first bar is at the top, in the result's order.
 */
export function ResultsChart({ data }: { data: BarChartData }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<Chart | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let disposed = false;
    let dispose = () => {};
    void import('./echarts-bar').then(({ drawBars }) => {
      if (disposed || !host.current) return;
      const drawn = drawBars(host.current, data);
      chart.current = drawn.chart;
      dispose = drawn.dispose;
      setReady(true);
    });
    return () => {
      disposed = true;
      chart.current = null;
      dispose();
    };
  }, [data]);

  const title = `${data.value} by ${data.keys.join(', ')}`;
  return (
    <div className="results-chart-area">
      <div className="results-chart-bar">
        <span>
          {title}
          {data.omitted > 0 ? ` (first ${data.labels.length} bars; ${data.omitted} more not drawn)` : ''}
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
        aria-label={`Bar chart of ${title}: ${data.labels
          .slice(0, 10)
          .map((l, i) => `${l} ${data.values[i]}`)
          .join(', ')}${data.labels.length > 10 ? ', …' : ''}`}
        aria-busy={!ready}
      />
    </div>
  );
}
