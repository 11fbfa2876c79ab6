/**
 * The execution-block parameter of append/lookup/join, planned as a stage, and collecting its
 * records once per query run.
 */
import type { Expression } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Row } from '../../../grail/values';
import { noRows, throwIfCancelled } from '../types';
import type { ExecutionContext, PlanningContext, Stage } from '../types';

export function planBlock(e: Expression | undefined, name: string, ctx: PlanningContext): Stage | undefined {
  if (e?.type !== 'subquery') {
    if (e) ctx.report(diagnostic('DQL2012', e, [name, 'an execution block `[fetch …]`']));
    return undefined;
  }
  return ctx.planSubquery(e);
}

export async function collectBlock(block: Stage, exec: ExecutionContext): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const row of block(noRows(), exec)) {
    throwIfCancelled(exec.cancel);
    rows.push(row);
  }
  return rows;
}

/** A constant string parameter such as `prefix: "lookup."`. */
export function stringParam(
  e: Expression | undefined,
  name: string,
  fallback: string,
  ctx: PlanningContext,
): string | undefined {
  if (!e) return fallback;
  if (e.type === 'literal' && e.literal.kind === 'string') return e.literal.value;
  ctx.report(diagnostic('DQL2012', e, [name, 'a string']));
  return undefined;
}
