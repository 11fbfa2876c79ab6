/** The ECharts pieces the results chart uses (tree-shaken core, canvas renderer, bars/lines/pie). */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { isCategorical, type ChartSpec } from './chart-spec';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

function option(spec: ChartSpec) {
  if (isCategorical(spec) && spec.kind === 'bar')
    return {
      animation: false,
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value' },
      yAxis: {
        type: 'category',
        data: spec.data.labels,
        inverse: true,
        axisLabel: { width: 220, overflow: 'truncate' },
      },
      series: [{ type: 'bar', name: spec.data.value, data: spec.data.values }],
    };
  if (isCategorical(spec))
    return {
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { type: 'scroll', orient: 'vertical', left: 0 },
      series: [
        {
          type: 'pie',
          name: spec.data.value,
          radius: '70%',
          data: spec.data.labels.map((name, i) => ({ name, value: spec.data.values[i] })),
        },
      ],
    };
  // Over time: one line per series; LTTB sampling keeps a million points drawable.
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    xAxis: { type: 'time' },
    yAxis: { type: 'value' },
    series: spec.data.series.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.points,
      showSymbol: s.points.length < 200,
      sampling: 'lttb',
      connectNulls: false,
      ...(spec.kind === 'area' ? { areaStyle: { opacity: 0.25 }, stack: 'total' } : {}),
    })),
  };
}

export function drawChart(host: HTMLElement, spec: ChartSpec) {
  const chart = echarts.init(host, undefined, { renderer: 'canvas' });
  chart.setOption(option(spec));
  const resize = new ResizeObserver(() => chart.resize());
  resize.observe(host);
  return {
    chart,
    dispose: () => {
      resize.disconnect();
      chart.dispose();
    },
  };
}
