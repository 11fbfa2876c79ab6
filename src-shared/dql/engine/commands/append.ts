/** `append [sub-query]` — the incoming records, then the sub-query's. */
import { diagnostic } from '../../diagnostics';
import { noRows } from '../types';
import type { CommandSpec } from './command-spec';

export const appendCommand: CommandSpec = {
  name: 'append',
  isSource: false,
  parameters: { requiredPositional: 'source', maxPositional: 1, named: [] },
  plan(_cmd, params, ctx) {
    const block = params.positional[0]?.value;
    if (block?.type !== 'subquery') {
      if (block) ctx.report(diagnostic('DQL2012', block, ['source', 'an execution block `[fetch …]`']));
      return undefined;
    }
    const sub = ctx.planSubquery(block);
    if (!sub) return undefined;
    return {
      run: async function* append(input, exec) {
        yield* input;
        yield* sub(noRows(), exec);
      },
    };
  },
};
