/**
 * `parse expression, "pattern" [, preserveFieldsOnFailure: b] [, parsingPrerequisite: cond]` —
 * matches the string against a DPL pattern (the subset in dpl-pattern.ts) and sets each exported
 * field (`INT:n`): in place when the record has it, else appended. A record that does not match —
 * or whose text is null or not a string, or whose prerequisite is not true — gets every exported
 * field null, or ⚠ with `preserveFieldsOnFailure: true` keeps the fields it has and gets no new
 * ones. A number too large for a long exports null. `baseTime:` (a timestamp per record) is the
 * time whose date parts fill what a time pattern lacks (the year of `MMM d HH:mm:ss`), in place of
 * the query's now (⚠ also where it is not a timestamp). A malformed pattern
 * (INVALID_PARAMETER_VALUE) or DPL the subset lacks (UNSUPPORTED_EXPRESSION) is reported at its
 * place inside the pattern.
 */
import type { Expression } from '../../ast';
import { diagnostic } from '../../diagnostics';
import { isTimestamp } from '../../../grail/values';
import type { Value } from '../../../grail/values';
import { compileExpression, evaluateConstant } from '../evaluate';
import type { PlanningContext } from '../types';
import type { CommandSpec } from './command-spec';
import { compileDpl, exportedValue } from './dpl-pattern';
import type { CompiledDpl } from './dpl-pattern';
import { mapStage } from './fields';

/** The pattern literal compiled, with a failure positioned inside the literal's text. */
function compilePattern(e: Expression, ctx: PlanningContext): CompiledDpl | undefined {
  if (e.type !== 'literal' || e.literal.kind !== 'string') {
    ctx.report(diagnostic('DQL2012', e, ['pattern', 'a DPL pattern string such as `"LD:a \' \' INT:n"`']));
    return undefined;
  }
  const value = e.literal.value;
  const outcome = compileDpl(value);
  if (outcome.ok) return outcome.pattern;
  const quote = e.raw.startsWith('"""') ? 3 : 1;
  // Offsets map 1:1 onto the source only when the literal has no escape sequences.
  const exact = e.raw.slice(quote, quote + value.length) === value;
  const at = exact ? { start: e.start + quote + outcome.start, end: e.start + quote + outcome.end } : e;
  ctx.report(
    outcome.kind === 'unsupported'
      ? diagnostic('DQL2015', at, [outcome.message])
      : diagnostic('DQL2012', at, ['pattern', `a well-formed DPL pattern; found ${outcome.message}`]),
  );
  return undefined;
}

export const parseCommand: CommandSpec = {
  name: 'parse',
  isSource: false,
  parameters: {
    requiredPositional: 'expression',
    maxPositional: 2,
    named: ['preserveFieldsOnFailure', 'parsingPrerequisite', 'baseTime'],
  },
  plan(cmd, params, ctx) {
    const [source, patternParam] = params.positional.map((p) => p.value);
    if (source && !patternParam) ctx.report(diagnostic('DQL2007', cmd.nameSpan, ['parse', 'pattern']));
    if (!source || !patternParam) return undefined;
    const text = compileExpression(source, ctx.report);
    const pattern = compilePattern(patternParam, ctx);
    const prerequisiteExpr = params.named.get('parsingPrerequisite')?.value;
    const prerequisite = prerequisiteExpr ? compileExpression(prerequisiteExpr, ctx.report) : undefined;
    const baseTimeExpr = params.named.get('baseTime')?.value;
    const baseTime = baseTimeExpr ? compileExpression(baseTimeExpr, ctx.report) : undefined;
    let preserve = false;
    const preserveExpr = params.named.get('preserveFieldsOnFailure')?.value;
    if (preserveExpr) {
      const r = evaluateConstant(preserveExpr, { nowNs: ctx.nowNs, timezone: ctx.timezone }, ctx.report);
      if (!r.ok) return undefined;
      if (typeof r.value !== 'boolean') {
        ctx.report(diagnostic('DQL2012', preserveExpr, ['preserveFieldsOnFailure', 'a boolean']));
        return undefined;
      }
      preserve = r.value;
    }
    if (!text || !pattern || (prerequisiteExpr && !prerequisite) || (baseTimeExpr && !baseTime))
      return undefined;
    const { regex, exports } = pattern;
    return {
      run: mapStage((row, env) => {
        const v = prerequisite && prerequisite(row, env) !== true ? null : text(row, env);
        const match = typeof v === 'string' ? regex.exec(v) : null;
        if (!match && preserve) return row;
        const out = new Map<string, Value>(row);
        const base = match && baseTime ? baseTime(row, env) : null;
        const at = isTimestamp(base) ? { ...env, nowNs: base.ns } : env;
        for (const x of exports)
          out.set(x.name, match ? exportedValue(match.groups?.[x.group], x, at) : null);
        return out;
      }),
    };
  },
};
