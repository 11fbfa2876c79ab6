import type { CellStats } from '../../../src-shared/results/cell-stats';
import { formatNumber } from '../../../src-shared/results/value-format';
import { formatCount } from '../../lib/format';

/** Count, sum, avg, min, max and distinct of the selected cells, in one status line. */
export function SelectionStats({ stats }: { stats: CellStats }) {
  const parts = [
    `${formatCount(stats.cells)} cells`,
    `count ${formatCount(stats.count)}`,
    `distinct ${formatCount(stats.distinct)}`,
  ];
  if (stats.sum !== undefined) {
    parts.push(
      `sum ${formatNumber(stats.sum)}`,
      `avg ${formatNumber(Math.round((stats.avg ?? 0) * 1e6) / 1e6)}`,
      `min ${formatNumber(stats.min)}`,
      `max ${formatNumber(stats.max)}`,
    );
  }
  return (
    <p className="selection-stats" role="status" aria-label="Selection statistics">
      {parts.join(' · ')}
    </p>
  );
}
