/**
 * Binds a call's arguments against its catalogue signature (reference §1.1: optional parameters
 * are named, `substring(s, from: 1)`; extra positional arguments are TOO_MANY_POSITIONAL_PARAMETERS).
 * Result: one slot per catalogue parameter in catalogue order; a variadic last parameter takes the
 * remaining positional arguments, spread from its slot on.
 */
import type { Call, Expression } from '../../ast';
import type { FunctionSpec } from '../../catalog';
import { diagnostic } from '../../diagnostics';
import type { Diagnostic } from '../../diagnostics';

/** The catalogue marks record()'s fields required, yet `data record()` is documented (reference §1.6). */
const EMPTY_ALLOWED: ReadonlySet<string> = new Set(['record']);

export function bindArguments(
  call: Call,
  spec: FunctionSpec,
  report: (d: Diagnostic) => void,
): (Expression | undefined)[] | undefined {
  const params = spec.params;
  const slots: (Expression | undefined)[] = params.map(() => undefined);
  const variadicIndex = params.length - 1;
  const variadic = params[variadicIndex]?.variadic === true && params[variadicIndex]?.named !== true;
  const extra: Expression[] = [];
  const positional = params.map((p, i) => ({ p, i })).filter(({ p }) => !p.named);
  let next = 0;
  let ok = true;
  const fail = (d: Diagnostic): void => {
    ok = false;
    report(d);
  };
  for (const a of call.args) {
    if (a.type === 'named') {
      const wanted = a.name.toLowerCase();
      const i = params.findIndex(
        (p) => p.name.toLowerCase() === wanted || (p.aliases ?? []).some((x) => x.toLowerCase() === wanted),
      );
      if (i < 0) fail(diagnostic('DQL2019', a.nameSpan, [spec.name, a.name]));
      else if (slots[i] !== undefined) fail(diagnostic('DQL2011', a.nameSpan, [a.name]));
      else slots[i] = a.value;
      continue;
    }
    const target = positional[next];
    if (!target) {
      fail(diagnostic('DQL2021', a, [spec.name, String(positional.length)]));
      continue;
    }
    if (variadic && target.i === variadicIndex && slots[variadicIndex] !== undefined) {
      extra.push(a.value);
      continue;
    }
    slots[target.i] = a.value;
    if (!(variadic && target.i === variadicIndex)) next++;
  }
  params.forEach((p, i) => {
    if (p.required && slots[i] === undefined && !EMPTY_ALLOWED.has(spec.name))
      fail(diagnostic('DQL2020', call, [spec.name, p.name]));
  });
  return ok ? [...slots, ...extra] : undefined;
}
