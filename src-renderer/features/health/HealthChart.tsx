import { useEffect, useRef, useState } from 'react';
import type * as EChartsHealth from './echarts-health';

type ChartModule = typeof EChartsHealth;
type Drawn = ReturnType<ChartModule['drawChart']>;

/**
 * One ECharts chart (loaded with the first one, so the rest of the app does not pay for it). The
 * canvas is an image to assistive technology; `label` says what it shows, and every chart has a
 * table next to it with the same numbers.
 */
export function HealthChart({ option, label }: { option: Record<string, unknown>; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const drawn = useRef<Drawn | null>(null);
  const [lib, setLib] = useState<ChartModule | null>(null);

  useEffect(() => {
    let live = true;
    void import('./echarts-health').then((m) => live && setLib(m));
    return () => {
      live = false;
      drawn.current?.dispose();
      drawn.current = null;
    };
  }, []);

  useEffect(() => {
    if (!lib || !host.current) return;
    if (drawn.current) drawn.current.update(option);
    else drawn.current = lib.drawChart(host.current, option);
  }, [lib, option]);

  return <div ref={host} className="health-chart" role="img" aria-label={label} aria-busy={lib === null} />;
}
