/**
 * `search condition` — keeps the records the condition holds for, where a bare string stands for
 * "anywhere in the record": `search "timeout"` keeps records with a field name or value that
 * `~ "timeout"` matches (token rules of search.ts, case-insensitive, `*` at either end).
 * Strings combine with `and`, `or`, `xor`, `not` and with ordinary conditions
 * (`search "error" and amount > 10`, `search note ~ "gift"`). The experimental `caseSensitive:`
 * (default false) and `scope:` ("all", "names" or "values"; default "all") apply to the bare
 * strings: matching with case, and only in field names or only in values.
 */
import type { Expression } from '../../ast';
import { diagnostic } from '../../diagnostics';
import { recordValue } from '../../../grail/values';
import type { Diagnostic } from '../../diagnostics';
import { compileExpression } from '../evaluate';
import type { Evaluator } from '../evaluate';
import { and, not, or, xor } from '../operators';
import { evaluateConstant } from '../evaluate';
import type { PlanningContext } from '../types';
import { searchRecord } from '../search';
import type { SearchOptions } from '../search';
import { throwIfCancelled } from '../types';
import type { CommandSpec } from './command-spec';

const COMBINE = { and, or, xor } as const;

function compileSearch(
  e: Expression,
  options: SearchOptions,
  report: (d: Diagnostic) => void,
): Evaluator | undefined {
  if (e.type === 'literal' && e.literal.kind === 'string') {
    const pattern = e.literal.value;
    return (row) => searchRecord(recordValue(row), pattern, options);
  }
  if (e.type === 'binary' && (e.op === 'and' || e.op === 'or' || e.op === 'xor')) {
    const combine = COMBINE[e.op];
    const left = compileSearch(e.left, options, report);
    const right = compileSearch(e.right, options, report);
    return left && right ? (row, env) => combine(left(row, env), right(row, env)) : undefined;
  }
  if (e.type === 'unary' && e.op === 'not') {
    const operand = compileSearch(e.operand, options, report);
    return operand && ((row, env) => not(operand(row, env)));
  }
  return compileExpression(e, report);
}

const SCOPES: readonly SearchOptions['scope'][] = ['all', 'names', 'values'];

function searchOptions(
  caseSensitive: Expression | undefined,
  scope: Expression | undefined,
  ctx: PlanningContext,
): SearchOptions | undefined {
  let sensitive = false;
  if (caseSensitive) {
    const r = evaluateConstant(caseSensitive, { nowNs: ctx.nowNs, timezone: ctx.timezone }, ctx.report);
    if (!r.ok) return undefined;
    if (typeof r.value !== 'boolean') {
      ctx.report(diagnostic('DQL2012', caseSensitive, ['caseSensitive', 'true or false']));
      return undefined;
    }
    sensitive = r.value;
  }
  let where: SearchOptions['scope'] = 'all';
  if (scope) {
    const r = evaluateConstant(scope, { nowNs: ctx.nowNs, timezone: ctx.timezone }, ctx.report);
    if (!r.ok) return undefined;
    const found = SCOPES.find((s) => s === r.value);
    if (!found) {
      ctx.report(diagnostic('DQL2012', scope, ['scope', '"all", "names" or "values"']));
      return undefined;
    }
    where = found;
  }
  return { caseSensitive: sensitive, scope: where };
}

export const searchCommand: CommandSpec = {
  name: 'search',
  isSource: false,
  parameters: {
    requiredPositional: 'condition',
    maxPositional: 1,
    named: ['caseSensitive', 'scope'],
  },
  plan(_cmd, params, ctx) {
    const condition = params.positional[0]?.value;
    if (!condition) return undefined;
    if (condition.type === 'assign') {
      ctx.report(diagnostic('DQL2025', condition, ['search']));
      return undefined;
    }
    const options = searchOptions(
      params.named.get('caseSensitive')?.value,
      params.named.get('scope')?.value,
      ctx,
    );
    if (!options) return undefined;
    const test = compileSearch(condition, options, ctx.report);
    if (!test) return undefined;
    return {
      run: async function* search(input, exec) {
        const env = { nowNs: exec.nowNs, timezone: exec.timezone };
        for await (const row of input) {
          throwIfCancelled(exec.cancel);
          if (test(row, env) === true) yield row;
        }
      },
    };
  },
};
