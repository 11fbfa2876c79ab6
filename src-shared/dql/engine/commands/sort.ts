/**
 * `sort expr [asc|desc], … [, direction:"ascending"|"descending"]` — stable multi-key sort.
 * `direction:` is the default for keys without asc/desc. ⚠ Nulls sort last in both directions.
 */
import type { Expression } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Value } from '../../../grail/values';
import type { Row } from '../../../grail/values';
import { compareValues } from '../compare';
import { compileExpression } from '../evaluate';
import type { Evaluator } from '../evaluate';
import { throwIfCancelled } from '../types';
import type { PlanningContext, Stage } from '../types';
import type { CommandSpec } from './command-spec';

export interface SortKey {
  evaluate: Evaluator;
  descending: boolean;
  /** The field name when the key is a plain field reference (what pushdown.ts can recognise). */
  field: string | undefined;
}

export const sortCommand: CommandSpec = {
  name: 'sort',
  isSource: false,
  parameters: {
    requiredPositional: 'expression',
    maxPositional: Number.MAX_SAFE_INTEGER,
    named: ['direction'],
  },
  plan(_cmd, params, ctx) {
    let defaultDescending = false;
    const dir = params.named.get('direction');
    if (dir) {
      const v = dir.value;
      const text = v.type === 'literal' && v.literal.kind === 'string' ? v.literal.value : undefined;
      if (text !== 'ascending' && text !== 'descending') {
        ctx.report(diagnostic('DQL2012', v, ['direction', '"ascending" or "descending"']));
        return undefined;
      }
      defaultDescending = text === 'descending';
    }
    const keys = compileSortKeys(
      params.positional.map((p) => p.value),
      defaultDescending,
      ctx,
    );
    if (!keys) return undefined;
    return {
      run: sortStage(keys),
      shape: { kind: 'sort', keys: keys.map((k) => ({ field: k.field, descending: k.descending })) },
    };
  },
};

/** `expr [asc|desc]` keys; undefined when one did not compile. */
export function compileSortKeys(
  exprs: readonly Expression[],
  defaultDescending: boolean,
  ctx: PlanningContext,
): SortKey[] | undefined {
  const keys: SortKey[] = [];
  let ok = true;
  for (const e of exprs) {
    const expr = e.type === 'sortDirection' ? e.expr : e;
    const evaluate = compileExpression(expr, ctx.report);
    if (!evaluate) ok = false;
    else
      keys.push({
        evaluate,
        descending: e.type === 'sortDirection' ? e.direction === 'desc' : defaultDescending,
        field: expr.type === 'field' ? expr.name : undefined,
      });
  }
  return ok ? keys : undefined;
}

/** Compares two records' evaluated keys: each key in its direction, nulls last either way. */
export function compareSortKeys(keys: readonly SortKey[], a: readonly Value[], b: readonly Value[]): number {
  for (let i = 0; i < keys.length; i++) {
    const x = a[i] as Value;
    const y = b[i] as Value;
    if (x === null || y === null) {
      if (x !== y) return x === null ? 1 : -1;
      continue;
    }
    const c = compareValues(x, y);
    if (c !== 0) return (keys[i] as SortKey).descending ? -c : c;
  }
  return 0;
}

function sortStage(keys: readonly SortKey[]): Stage {
  return async function* sortStage(input, exec) {
    const env = { nowNs: exec.nowNs, timezone: exec.timezone };
    const rows: { row: Row; keys: Value[] }[] = [];
    for await (const row of input) {
      throwIfCancelled(exec.cancel);
      rows.push({ row, keys: keys.map((k) => k.evaluate(row, env)) });
    }
    rows.sort((a, b) => compareSortKeys(keys, a.keys, b.keys));
    for (const r of rows) yield r.row;
  };
}
