/** `filterOut condition` — removes the records whose condition is true; null keeps them. */
import type { CommandSpec } from './command-spec';
import { planCondition } from './filter';

export const filterOutCommand: CommandSpec = {
  name: 'filterOut',
  isSource: false,
  parameters: { requiredPositional: 'condition', maxPositional: 1, named: [] },
  plan: (_cmd, params, ctx) => planCondition('filterOut', params.positional[0]?.value, false, ctx),
};
