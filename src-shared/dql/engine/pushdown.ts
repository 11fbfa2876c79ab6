/**
 * Pushdown: folds a recognised prefix of the planned pipeline into the storage scan, so storage
 * orders and cuts (`ORDER BY … LIMIT n`) instead of the evaluator reading and sorting everything.
 * It is an optimisation only: the folded scan yields the same records in the same order with the
 * same stats as the stages it replaces; the rest of the pipeline still runs in the evaluator.
 *
 * Recognised: `fetch`, then any run of
 *   - `limit n` — the scan keeps the smallest limit seen;
 *   - `sort timestamp [asc|desc]` (that single key) before any limit — a stable sort on the time
 *     key only reorders by it: ties keep the scan's newest-stored-first order (ScanOrder).
 * A sort after a limit sorts just those records, and other sort keys need the evaluator: both
 * end the prefix.
 */
import { scanStage } from './scan-stage';
import type { PlannedStage, ScanOrder, ScanPushdown, Stage, StageShape } from './types';

/** The field every stored record carries as its time key (DataSource contract). */
const TIME_KEY = 'timestamp';

/** The longest foldable prefix, or undefined when the pipeline does not start with a scan. */
export function foldScanPrefix(shapes: readonly (StageShape | undefined)[]): ScanPushdown | undefined {
  const first = shapes[0];
  if (first?.kind !== 'scan') return undefined;
  let order: ScanOrder = 'desc';
  let limit: bigint | undefined;
  let readsAll = false;
  let stages = 1;
  for (const shape of shapes.slice(1)) {
    if (shape?.kind === 'limit') {
      limit = limit === undefined || shape.size < limit ? shape.size : limit;
    } else if (shape?.kind === 'sort' && limit === undefined && isTimeKeySort(shape)) {
      order = shape.keys[0]?.descending ? 'desc' : 'asc';
      readsAll = true;
    } else break;
    stages++;
  }
  return { table: first.table, timeframe: first.timeframe, order, limit, readsAll, stages };
}

function isTimeKeySort(shape: Extract<StageShape, { kind: 'sort' }>): boolean {
  return shape.keys.length === 1 && shape.keys[0]?.field === TIME_KEY;
}

/** The executable stages: the folded prefix as one scan stage, then the remaining stages as planned. */
export function applyPushdown(planned: readonly PlannedStage[]): {
  stages: Stage[];
  pushdown: ScanPushdown | undefined;
} {
  const pushdown = foldScanPrefix(planned.map((p) => p.shape));
  if (!pushdown) return { stages: planned.map((p) => p.run), pushdown };
  const last = pushdown.stages === planned.length;
  return {
    stages: [scanStage(pushdown, last), ...planned.slice(pushdown.stages).map((p) => p.run)],
    pushdown,
  };
}
