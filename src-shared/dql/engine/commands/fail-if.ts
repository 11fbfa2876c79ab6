/**
 * `failIf condition, message` (experimental) — fails the whole query when the condition is true
 * for any record; otherwise passes every record on unchanged. The message is evaluated on the
 * first record that trips the condition (it may use its fields) and becomes the error's message.
 * Every record is checked before any is passed on, so a later `limit` (or the result cap) cannot
 * hide a record that would fail the query. ⚠ Grail's errorType for this failure is undocumented.
 */
import type { Span } from '../../source-span';
import { diagnostic } from '../../diagnostics';
import type { Row } from '../../../grail/values';
import { compileExpression } from '../evaluate';
import { valueToText } from '../text';
import { QueryFailed, throwIfCancelled } from '../types';
import type { CommandSpec } from './command-spec';

/** What the error says when the message expression gives null (the sandbox's own wording). */
const NULL_MESSAGE = 'The failIf condition is true.';

export const failIfCommand: CommandSpec = {
  name: 'failIf',
  isSource: false,
  parameters: { requiredPositional: 'condition', maxPositional: 2, named: [] },
  plan(cmd, params, ctx) {
    const [conditionParam, messageParam] = params.positional;
    const condition = conditionParam?.value;
    if (!condition) return undefined;
    if (!messageParam) {
      ctx.report(diagnostic('DQL2007', cmd.nameSpan, ['failIf', 'message']));
      return undefined;
    }
    for (const e of [condition, messageParam.value]) {
      if (e.type === 'assign') {
        ctx.report(diagnostic('DQL2025', e, ['failIf']));
        return undefined;
      }
    }
    const test = compileExpression(condition, ctx.report);
    const message = compileExpression(messageParam.value, ctx.report);
    if (!test || !message) return undefined;
    const at: Span = { start: cmd.nameSpan.start, end: cmd.nameSpan.end };
    return {
      run: async function* failIf(input, exec) {
        const env = { nowNs: exec.nowNs, timezone: exec.timezone };
        const rows: Row[] = [];
        for await (const row of input) {
          throwIfCancelled(exec.cancel);
          if (test(row, env) === true) {
            const text = message(row, env);
            const said = text === null ? NULL_MESSAGE : valueToText(text);
            throw new QueryFailed(diagnostic('DQL3002', at, [said]));
          }
          rows.push(row);
        }
        yield* rows;
      },
    };
  },
};
