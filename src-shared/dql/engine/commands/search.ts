/**
 * `search condition` — keeps the records the condition holds for, where a bare string stands for
 * "anywhere in the record": `search "timeout"` keeps records with a field name or value that
 * `~ "timeout"` matches (token rules of search.ts, case-insensitive, `*` at either end).
 * Strings combine with `and`, `or`, `xor`, `not` and with ordinary conditions
 * (`search "error" and amount > 10`, `search note ~ "gift"`). ⚠ The experimental `caseSensitive:`
 * and `scope:` parameters are not implemented.
 */
import type { Expression } from '../../ast';
import { diagnostic } from '../../diagnostics';
import { recordValue } from '../../../grail/values';
import type { Diagnostic } from '../../diagnostics';
import { compileExpression } from '../evaluate';
import type { Evaluator } from '../evaluate';
import { and, not, or, xor } from '../operators';
import { searchOperator } from '../search';
import { throwIfCancelled } from '../types';
import type { CommandSpec } from './command-spec';

const COMBINE = { and, or, xor } as const;

function compileSearch(e: Expression, report: (d: Diagnostic) => void): Evaluator | undefined {
  if (e.type === 'literal' && e.literal.kind === 'string') {
    const pattern = e.literal.value;
    return (row) => searchOperator(recordValue(row), pattern);
  }
  if (e.type === 'binary' && (e.op === 'and' || e.op === 'or' || e.op === 'xor')) {
    const combine = COMBINE[e.op];
    const left = compileSearch(e.left, report);
    const right = compileSearch(e.right, report);
    return left && right ? (row, env) => combine(left(row, env), right(row, env)) : undefined;
  }
  if (e.type === 'unary' && e.op === 'not') {
    const operand = compileSearch(e.operand, report);
    return operand && ((row, env) => not(operand(row, env)));
  }
  return compileExpression(e, report);
}

export const searchCommand: CommandSpec = {
  name: 'search',
  isSource: false,
  parameters: {
    requiredPositional: 'condition',
    maxPositional: 1,
    named: [],
    unsupportedNamed: ['caseSensitive', 'scope'],
  },
  plan(_cmd, params, ctx) {
    const condition = params.positional[0]?.value;
    if (!condition) return undefined;
    if (condition.type === 'assign') {
      ctx.report(diagnostic('DQL2025', condition, ['search']));
      return undefined;
    }
    const test = compileSearch(condition, ctx.report);
    if (!test) return undefined;
    return {
      run: async function* search(input, exec) {
        const env = { nowNs: exec.nowNs };
        for await (const row of input) {
          throwIfCancelled(exec.cancel);
          if (test(row, env) === true) yield row;
        }
      },
    };
  },
};
