/** `limit <n>` — the first n records (n a constant long ≥ 0). */
import { diagnostic } from '../../diagnostics';
import { evaluateConstant } from '../evaluate';
import type { CommandSpec } from './command-spec';

export const limitCommand: CommandSpec = {
  name: 'limit',
  isSource: false,
  parameters: { requiredPositional: 'size', maxPositional: 1, named: [] },
  plan(_cmd, params, ctx) {
    const expr = params.positional[0]?.value;
    if (!expr) return undefined;
    const r = evaluateConstant(expr, { nowNs: ctx.nowNs, timezone: ctx.timezone }, ctx.report);
    if (!r.ok) return undefined;
    if (typeof r.value !== 'bigint' || r.value < 0n) {
      ctx.report(diagnostic('DQL2012', expr, ['size', 'a non-negative long']));
      return undefined;
    }
    const size = r.value;
    return {
      run: async function* limitStage(input) {
        if (size === 0n) return;
        let n = 0n;
        for await (const row of input) {
          yield row;
          if (++n >= size) return; // returning closes the upstream iterator: the scan stops early
        }
      },
      shape: { kind: 'limit', size },
    };
  },
};
