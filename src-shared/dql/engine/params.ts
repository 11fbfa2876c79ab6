/**
 * Binds a command's parameters against its spec: positional count, known/supported named
 * parameters, duplicates. Reports DQL2007–DQL2011 with the offending span. A positional
 * parameter group `{a, b}` stands for its members (parameter-groups.ts).
 */
import type { Command, NamedParameter, Parameter } from '../ast';
import { diagnostic } from '../diagnostics';
import { ungroupParameter } from '../parameter-groups';
import type { Diagnostic } from '../diagnostics';

export interface ParameterSpec {
  /** Name used in messages for the first positional parameter when it is missing. */
  readonly requiredPositional?: string;
  readonly maxPositional: number;
  /** Named parameters the sandbox implements. */
  readonly named: readonly string[];
  /** Named parameters DQL has but the sandbox does not implement yet (→ UNSUPPORTED_PARAMETER). */
  readonly unsupportedNamed?: readonly string[];
  /** Accept any named parameter unchecked (commands that only report they cannot run). */
  readonly anyNamed?: boolean;
}

export interface BoundParameters {
  readonly positional: readonly Parameter[];
  readonly named: ReadonlyMap<string, NamedParameter>;
}

export function bindParameters(
  cmd: Command,
  canonicalName: string,
  spec: ParameterSpec,
  report: (d: Diagnostic) => void,
): BoundParameters | undefined {
  let ok = true;
  const fail = (d: Diagnostic): void => {
    ok = false;
    report(d);
  };
  const positional: Parameter[] = [];
  const named = new Map<string, NamedParameter>();
  for (const p of cmd.params.flatMap(ungroupParameter)) {
    if (p.type === 'positional') {
      positional.push(p);
      if (positional.length > spec.maxPositional)
        fail(diagnostic('DQL2010', p, [canonicalName, String(spec.maxPositional)]));
      continue;
    }
    if (spec.anyNamed) named.set(p.name, p);
    else if (spec.unsupportedNamed?.includes(p.name))
      fail(diagnostic('DQL2009', p.nameSpan, [canonicalName, p.name]));
    else if (!spec.named.includes(p.name)) fail(diagnostic('DQL2008', p.nameSpan, [canonicalName, p.name]));
    else if (named.has(p.name)) fail(diagnostic('DQL2011', p.nameSpan, [p.name]));
    else named.set(p.name, p);
  }
  if (spec.requiredPositional && positional.length === 0) {
    fail(diagnostic('DQL2007', cmd.nameSpan, [canonicalName, spec.requiredPositional]));
  }
  return ok ? { positional, named } : undefined;
}
