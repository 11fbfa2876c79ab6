/**
 * The cost guard as the tab runs it: the environment's budget (its scan-limit setting) against
 * the query's own scan limit and what earlier runs of the same text scanned (from the history).
 */
import { costWarning } from '../../../src-shared/dql/cost-guard';
import type { CostWarning, PastRun } from '../../../src-shared/dql/cost-guard';
import { parse } from '../../../src-shared/dql/parser';
import type { QueryHistoryEntry } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';

export function pastRuns(entries: readonly QueryHistoryEntry[], query: string): PastRun[] {
  const key = query.trim();
  return entries.flatMap((e) =>
    e.query.trim() === key && e.scannedBytes !== undefined
      ? [{ scannedBytes: e.scannedBytes, timeframeMs: e.timeframeMs }]
      : [],
  );
}

export async function checkCost(
  query: string,
  environmentId: string,
  budgetGBytes: number,
  timeframeMs: number,
): Promise<CostWarning | undefined> {
  // Without the history the guard still sees the query's own limit.
  const entries = await invoke('history:list', { environmentId }).then(
    (l) => l.entries,
    () => [],
  );
  return costWarning(parse(query).ast, budgetGBytes, timeframeMs, pastRuns(entries, query));
}
