/** The ECharts pieces the health view uses (tree-shaken core, canvas renderer), loaded with its first chart. */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export function drawChart(host: HTMLElement, option: Record<string, unknown>) {
  const chart = echarts.init(host, undefined, { renderer: 'canvas' });
  chart.setOption(option);
  const resize = new ResizeObserver(() => chart.resize());
  resize.observe(host);
  return {
    update: (next: Record<string, unknown>) => chart.setOption(next, { notMerge: true }),
    dispose: () => {
      resize.disconnect();
      chart.dispose();
    },
  };
}
