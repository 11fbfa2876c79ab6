/**
 * Parameter shapes shared by several commands: output items (`a`, `name = expr`, `lower(b)` named
 * by its canonical text), brace groups (`by: {a, b}`, `sort: {…}`), plain field lists.
 */
import type { Expression, Parameter } from '../../ast';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../diagnostics';
import type { Span } from '../../source-span';
import { defaultFieldName } from '../evaluate';

export interface OutputItem {
  readonly name: string;
  readonly expr: Expression;
  readonly at: Span;
}

/** `name = expr` → (name, expr); anything else is named after itself (reference §1.6). */
export function outputItem(e: Expression): OutputItem {
  if (e.type === 'assign') return { name: e.target.name, expr: e.value, at: e };
  return { name: defaultFieldName(e), expr: e, at: e };
}

/** The items of a `{…}` group, or the single value written without braces. */
export function groupMembers(e: Expression): Expression[] {
  return e.type === 'group' ? e.items.map((p: Parameter) => p.value) : [e];
}

/** Field names of `fieldsRemove a, b` and the like; reports anything that is not a field. */
export function fieldNames(
  exprs: readonly Expression[],
  command: string,
  report: (d: Diagnostic) => void,
): string[] | undefined {
  const names: string[] = [];
  let ok = true;
  for (const e of exprs) {
    if (e.type === 'field') names.push(e.name);
    else {
      report(diagnostic('DQL2012', e, [command, 'field names']));
      ok = false;
    }
  }
  return ok ? names : undefined;
}
