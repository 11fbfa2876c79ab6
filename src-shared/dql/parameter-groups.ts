/**
 * A command's positional parameter group `{a, b}` stands for its members: braces group parameters
 * without changing them (docs.dynatrace.com, DQL language reference: `summarize {min(v), max(v)}`).
 * The engine binds and the analyzer checks the members, so both see the same parameters.
 */
import type { Parameter, PositionalParameter } from './ast';

/** A positional `{…}` group of positional members becomes those members (groups nest). */
export function ungroupParameter(p: Parameter): Parameter[] {
  if (p.type !== 'positional' || p.value.type !== 'group') return [p];
  const items = p.value.items;
  if (!items.every((i): i is PositionalParameter => i.type === 'positional')) return [p];
  return items.flatMap(ungroupParameter);
}
