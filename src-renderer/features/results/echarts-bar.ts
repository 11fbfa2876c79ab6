/** The ECharts pieces the results chart uses (tree-shaken core, canvas renderer, bars only). */
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { BarChartData } from '../../../src-shared/results/chart-data';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

export function drawBars(host: HTMLElement, data: BarChartData) {
  const chart = echarts.init(host, undefined, { renderer: 'canvas' });
  chart.setOption({
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value' },
    yAxis: {
      type: 'category',
      data: data.labels,
      inverse: true,
      axisLabel: { width: 220, overflow: 'truncate' },
    },
    series: [{ type: 'bar', name: data.value, data: data.values }],
  });
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
