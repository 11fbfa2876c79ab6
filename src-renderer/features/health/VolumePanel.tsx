import { useMemo } from 'react';
import { volumeChart, volumeOption } from '../../../src-shared/health/chart-options';
import type { Volume } from '../../../src-shared/ipc/contract';
import { formatCount, formatDuration } from '../../lib/format';
import { HealthChart } from './HealthChart';
import { shortTime } from './time-label';

/** Events per provider/type over time: a stacked bar chart, and the same totals as a table. */
export function VolumePanel({ volume }: { volume: Volume }) {
  const chart = useMemo(() => volumeChart(volume, shortTime), [volume]);
  const option = useMemo(() => volumeOption(chart), [chart]);
  if (volume.total === 0) return <p className="health-empty">No events in this timeframe.</p>;
  const label = `Stacked bars of events per ${formatDuration(volume.intervalMs)}: ${chart.series
    .map((s) => `${s.name} ${formatCount(s.data.reduce((a, b) => a + b, 0))}`)
    .join(', ')}`;
  return (
    <>
      <HealthChart option={option} label={label} />
      <table className="health-table" aria-label="Events per provider and type">
        <thead>
          <tr>
            <th scope="col">Provider</th>
            <th scope="col">Type</th>
            <th scope="col" className="num">
              Events
            </th>
            <th scope="col" className="num">
              Share
            </th>
          </tr>
        </thead>
        <tbody>
          {volume.series.map((s) => (
            <tr key={`${s.provider}\u0000${s.type}`}>
              <td>{s.provider}</td>
              <td>{s.type}</td>
              <td className="num">{formatCount(s.total)}</td>
              <td className="num">{((100 * s.total) / volume.total).toFixed(1)} %</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
