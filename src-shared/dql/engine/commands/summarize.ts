/**
 * `summarize [name =] aggregation, … [, by: {[name =] expr, …}]` — one record per distinct group:
 * the `by` fields first, then the aggregations, named by their canonical text (`count()`) unless
 * assigned. Without `by:` there is exactly one record, even for no input. ⚠ Groups come out
 * sorted by their key values (nulls last); Grail's order is unspecified.
 */
import type { Expression } from '../../ast';
import { canonicalFunctionName } from '../../catalog';
import { diagnostic } from '../../diagnostics';
import type { Row, Value } from '../../../grail/values';
import { AggregationSlots } from '../aggregations/aggregate-expression';
import type { Accumulator } from '../aggregations/aggregation-types';
import { compareValues } from '../compare';
import { compileExpression } from '../evaluate';
import type { Evaluator } from '../evaluate';
import { groupKey } from '../group-key';
import { throwIfCancelled } from '../types';
import type { PushedAggregate, Stage, StageShape } from '../types';
import type { CommandSpec } from './command-spec';
import { groupMembers, outputItem } from './items';

interface Output {
  readonly name: string;
  readonly evaluate: Evaluator;
}

export interface SummarizePlan {
  readonly keys: readonly Output[];
  readonly outputs: readonly Output[];
  readonly slots: AggregationSlots;
}

export const summarizeCommand: CommandSpec = {
  name: 'summarize',
  isSource: false,
  parameters: { maxPositional: Number.MAX_SAFE_INTEGER, named: ['by'] },
  plan(cmd, params, ctx) {
    const slots = new AggregationSlots(ctx.nowNs);
    const outputs: Output[] = [];
    const keys: Output[] = [];
    let ok = true;
    for (const p of params.positional) {
      const item = outputItem(p.value);
      const compiled = slots.compile(item.expr, ctx.report);
      if (!compiled) ok = false;
      else if (!compiled.hasAggregation) {
        ctx.report(diagnostic('DQL2091', item.expr, ['summarize']));
        ok = false;
      } else outputs.push({ name: item.name, evaluate: compiled.evaluate });
    }
    const by = params.named.get('by')?.value;
    for (const e of by ? groupMembers(by) : []) {
      const item = outputItem(e);
      const evaluate = compileExpression(item.expr, ctx.report);
      if (evaluate) keys.push({ name: item.name, evaluate });
      else ok = false;
    }
    if (outputs.length === 0 && keys.length === 0 && ok) {
      ctx.report(diagnostic('DQL2007', cmd.nameSpan, ['summarize', 'aggregation']));
      return undefined;
    }
    if (!ok) return undefined;
    const plan: SummarizePlan = { keys, outputs, slots };
    const outputExprs = params.positional.map((p) => p.value);
    const keyExprs = by ? groupMembers(by) : [];
    const shape = countShape(outputExprs, keyExprs) ?? aggregateShape(outputExprs, keyExprs);
    return { run: summarizeStage(plan), ...(shape ? { shape } : {}) };
  },
};

/** `summarize count(), n = count() [, by: {field}]` — what storage may count itself (pushdown.ts). */
function countShape(outputs: readonly Expression[], keys: readonly Expression[]): StageShape | undefined {
  const names: string[] = [];
  for (const e of outputs) {
    const item = outputItem(e);
    const x = item.expr;
    if (x.type !== 'call' || canonicalFunctionName(x.name) !== 'count' || x.args.length > 0) return undefined;
    names.push(item.name);
  }
  if (names.length === 0 || keys.length > 1) return undefined;
  const key = keys[0] && outputItem(keys[0]);
  if (key && key.expr.type !== 'field') return undefined;
  return {
    kind: 'count',
    outputs: names,
    key: key && key.expr.type === 'field' ? { name: key.name, field: key.expr.name } : undefined,
  };
}

const PUSHABLE: ReadonlySet<string> = new Set(['sum', 'avg', 'min', 'max']);

/** Up to this many `by:` fields are handed to storage (more: the evaluator groups). */
const MAX_PUSHED_KEYS = 4;

/** `summarize [n =] count() | sum(f) | avg(f) | min(f) | max(f), … [, by: {f, …}]` (pushdown.ts). */
function aggregateShape(outputs: readonly Expression[], keys: readonly Expression[]): StageShape | undefined {
  if (outputs.length === 0 || keys.length > MAX_PUSHED_KEYS) return undefined;
  const pushed: { name: string; aggregate: PushedAggregate }[] = [];
  for (const e of outputs) {
    const item = outputItem(e);
    const x = item.expr;
    if (x.type !== 'call') return undefined;
    const fn = canonicalFunctionName(x.name);
    if (fn === 'count' && x.args.length === 0) {
      pushed.push({ name: item.name, aggregate: { fn: 'count' } });
      continue;
    }
    const arg = x.args.length === 1 ? x.args[0] : undefined;
    if (!fn || !PUSHABLE.has(fn) || arg?.type !== 'positional' || arg.value.type !== 'field')
      return undefined;
    const name = fn as 'sum' | 'avg' | 'min' | 'max';
    pushed.push({ name: item.name, aggregate: { fn: name, field: arg.value.name } });
  }
  const fields: { name: string; field: string }[] = [];
  for (const k of keys) {
    const item = outputItem(k);
    if (item.expr.type !== 'field') return undefined;
    fields.push({ name: item.name, field: item.expr.name });
  }
  // Output names must be distinct for the record to be rebuilt column by column.
  const names = [...fields.map((f) => f.name), ...pushed.map((p) => p.name)];
  if (new Set(names).size !== names.length) return undefined;
  return { kind: 'aggregate', keys: fields, outputs: pushed };
}

interface Group {
  readonly key: readonly Value[];
  readonly accumulators: Accumulator[];
}

function summarizeStage(plan: SummarizePlan): Stage {
  const { keys, slots } = plan;
  return async function* summarize(input, exec) {
    const env = { nowNs: exec.nowNs, timezone: exec.timezone };
    const groups = new Map<string, Group>();
    const newGroup = (key: readonly Value[]): Group => ({
      key,
      accumulators: slots.aggregations.map((a) => a.create()),
    });
    if (keys.length === 0) groups.set('', newGroup([]));
    for await (const row of input) {
      throwIfCancelled(exec.cancel);
      const key = keys.map((k) => k.evaluate(row, env));
      const id = groupKey(key);
      let g = groups.get(id);
      if (!g) groups.set(id, (g = newGroup(key)));
      for (const acc of g.accumulators) acc.add(row, env);
    }
    for (const g of sortGroups([...groups.values()])) yield finishGroup(plan, g.key, g.accumulators, env);
  };
}

export function sortGroups<T extends { key: readonly Value[] }>(groups: T[]): T[] {
  return groups.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) {
      const c = compareValues(a.key[i] as Value, b.key[i] as Value);
      if (c !== 0) return c;
    }
    return 0;
  });
}

/** One output record: key fields, then each aggregation expression over the slot results. */
export function finishGroup(
  plan: SummarizePlan,
  key: readonly Value[],
  accumulators: readonly Accumulator[],
  env: { nowNs: bigint },
): Row {
  const out = new Map<string, Value>();
  plan.keys.forEach((k, i) => out.set(k.name, key[i] as Value));
  const results = AggregationSlots.resultsRow(accumulators.map((a) => a.result()));
  for (const o of plan.outputs) out.set(o.name, o.evaluate(results, env));
  return out;
}
