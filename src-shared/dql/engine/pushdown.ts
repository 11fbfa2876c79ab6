/**
 * Pushdown: folds a recognised prefix of the planned pipeline into the storage scan, so storage
 * filters, orders, cuts and counts (`WHERE … ORDER BY … LIMIT n`, `GROUP BY`) instead of the
 * evaluator reading everything. It is an optimisation only: the folded scan yields the same
 * records in the same order with the same stats as the stages it replaces; the rest of the
 * pipeline still runs in the evaluator.
 *
 * Recognised: `fetch`, then any run of
 *   - `filter`/`filterOut` whose condition storage-predicate.ts can express exactly, before any
 *     limit (a filter after a limit filters just those records);
 *   - `limit n` — the scan keeps the smallest limit seen;
 *   - `sort timestamp [asc|desc]` (that single key) before any limit — a stable sort on the time
 *     key only reorders by it: ties keep the scan's newest-stored-first order (ScanOrder);
 *   - finally `summarize count(), … [, by: {field}]`, a `summarize` of count/sum/avg/min/max
 *     over plain fields by plain fields (storage may decline it at run time: the summarize then
 *     runs in the evaluator over the folded scan), or `makeTimeseries count(), …` (no `by:`),
 *     before any limit, which ends the prefix.
 * Other stages end the prefix.
 */
import { scanStage } from './scan-stage';
import { toStoragePredicate } from './storage-predicate';
import type { ScanFilter, StoragePredicate } from './storage-predicate';
import type { PlannedStage, ScanOrder, ScanPushdown, Stage, StageShape } from './types';

/** The field every stored record carries as its time key (DataSource contract). */
const TIME_KEY = 'timestamp';

/** The longest foldable prefix, or undefined when the pipeline does not start with a scan. */
export function foldScanPrefix(
  shapes: readonly (StageShape | undefined)[],
  nowNs: bigint,
): ScanPushdown | undefined {
  const first = shapes[0];
  if (first?.kind !== 'scan') return undefined;
  let order: ScanOrder = 'desc';
  let limit: bigint | undefined;
  let readsAll = false;
  const predicates: StoragePredicate[] = [];
  const conditions: ScanFilter['conditions'][number][] = [];
  let count: Extract<StageShape, { kind: 'count' }> | undefined;
  let series: Extract<StageShape, { kind: 'timeseriesCount' }> | undefined;
  let aggregate: Extract<StageShape, { kind: 'aggregate' }> | undefined;
  let stages = 1;
  for (const shape of shapes.slice(1)) {
    if (shape?.kind === 'limit') {
      limit = limit === undefined || shape.size < limit ? shape.size : limit;
    } else if (shape?.kind === 'sort' && limit === undefined && isTimeKeySort(shape)) {
      order = shape.keys[0]?.descending ? 'desc' : 'asc';
      readsAll = true;
    } else if (shape?.kind === 'filter' && limit === undefined) {
      const p = toStoragePredicate(shape.condition, shape.keep, nowNs);
      if (!p) break;
      predicates.push(p);
      conditions.push({ condition: shape.condition, keep: shape.keep });
    } else if (
      (shape?.kind === 'count' || shape?.kind === 'timeseriesCount' || shape?.kind === 'aggregate') &&
      limit === undefined
    ) {
      if (shape.kind === 'count') count = shape;
      else if (shape.kind === 'aggregate') aggregate = shape;
      else series = shape;
      readsAll = true;
      stages++;
      break;
    } else break;
    stages++;
  }
  const filter: ScanFilter | undefined =
    predicates.length === 0
      ? undefined
      : {
          predicate:
            predicates.length === 1
              ? (predicates[0] as StoragePredicate)
              : { kind: 'and', parts: predicates },
          nowNs,
          conditions,
        };
  return {
    table: first.table,
    timeframe: first.timeframe,
    order,
    limit,
    readsAll,
    ...(filter ? { filter } : {}),
    ...(count ? { count } : {}),
    ...(series ? { series } : {}),
    ...(aggregate ? { aggregate: { shape: aggregate, fallback: unplanned } } : {}),
    stages,
  };
}

/** Placeholder until applyPushdown attaches the planned stage (foldScanPrefix sees shapes only). */
const unplanned: Stage = () => {
  throw new Error('A folded summarize ran without its planned stage.');
};

function isTimeKeySort(shape: Extract<StageShape, { kind: 'sort' }>): boolean {
  return shape.keys.length === 1 && shape.keys[0]?.field === TIME_KEY;
}

/**
 * The executable stages: the folded prefix as one scan stage, then the remaining stages as planned.
 * `topLevel`: the pipeline's last stage feeds the result (so the result cap may bound its scan);
 * false for execution blocks.
 */
export function applyPushdown(
  planned: readonly PlannedStage[],
  topLevel: boolean,
  nowNs: bigint,
): {
  stages: Stage[];
  pushdown: ScanPushdown | undefined;
} {
  let pushdown = foldScanPrefix(
    planned.map((p) => p.shape),
    nowNs,
  );
  if (!pushdown) return { stages: planned.map((p) => p.run), pushdown };
  const replaced = planned[pushdown.stages - 1];
  if (pushdown.aggregate && replaced)
    pushdown = { ...pushdown, aggregate: { shape: pushdown.aggregate.shape, fallback: replaced.run } };
  const last = topLevel && pushdown.stages === planned.length;
  return {
    stages: [scanStage(pushdown, last), ...planned.slice(pushdown.stages).map((p) => p.run)],
    pushdown,
  };
}
