/**
 * AST → executable plan. Resolves each command against the catalogue and the registry, so a typo
 * (`limt`) is UNKNOWN_COMMAND while a real command the sandbox lacks is UNSUPPORTED_COMMAND, both
 * with the command name's span. Pure and synchronous: the server plans before it accepts a query,
 * so syntax and semantic errors come back from query:execute at once. Execution blocks
 * (`append [fetch …]`) are planned the same way, recursively. Last, the planner folds what
 * storage can do into the scan (pushdown.ts).
 */
import type { Command, Query } from '../ast';
import { DATA_SOURCE_COMMANDS, canonicalCommandName } from '../catalog';
import { diagnostic, hasErrors } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { findCommand } from './commands/registry';
import { bindParameters } from './params';
import { applyPushdown } from './pushdown';
import type { Row } from '../../grail/values';
import type { Plan, PlannedStage, PlanningContext, Stage, TimeframeNs } from './types';

export interface PlanOptions {
  readonly nowNs: bigint;
  /** The request's defaultTimeframeStart/End, already validated (both or neither). */
  readonly defaultTimeframe?: TimeframeNs;
  /** Fold recognised prefixes into the storage scan (default true); false = pure evaluator. */
  readonly pushdown?: boolean;
}

export function planQuery(
  query: Query,
  options: PlanOptions,
): { plan: Plan | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const tables: string[] = [];
  let analysisTimeframe: TimeframeNs | undefined;
  const pushdown = options.pushdown !== false;
  const ctx: PlanningContext = {
    nowNs: options.nowNs,
    defaultTimeframe: options.defaultTimeframe,
    report: (d) => diagnostics.push(d),
    addTable: (t) => {
      if (!tables.includes(t)) tables.push(t);
    },
    setAnalysisTimeframe: (tf) => {
      analysisTimeframe ??= tf;
    },
    analysisTimeframe: () => analysisTimeframe,
    planSubquery: (block) => {
      const planned = planCommands(block.query.commands, ctx);
      if (!planned) return undefined;
      // Not the last stage of the query: the result cap must not bound a sub-query's scan.
      const stages = pushdown
        ? applyPushdown(planned, false, options.nowNs).stages
        : planned.map((p) => p.run);
      const sub: Stage = (_input, exec) => runStages(stages, exec);
      return sub;
    },
  };
  const planned = planCommands(query.commands, ctx);
  if (!planned || hasErrors(diagnostics)) return { plan: undefined, diagnostics };
  if (!pushdown)
    return { plan: { stages: planned.map((p) => p.run), tables, analysisTimeframe }, diagnostics };
  const { stages, pushdown: folded } = applyPushdown(planned, true, options.nowNs);
  return {
    plan: { stages, tables, analysisTimeframe, ...(folded ? { pushdown: folded } : {}) },
    diagnostics,
  };
}

/** Runs stages one after another: each consumes the previous one's rows. */
export function runStages(stages: readonly Stage[], exec: Parameters<Stage>[1]): AsyncIterable<Row> {
  let stream: AsyncIterable<Row> = (async function* () {})();
  for (const stage of stages) stream = stage(stream, exec);
  return stream;
}

/** Plans one pipeline; undefined when any command reported an error. */
function planCommands(commands: readonly Command[], ctx: PlanningContext): PlannedStage[] | undefined {
  const planned: PlannedStage[] = [];
  let ok = true;
  commands.forEach((cmd, i) => {
    const stage = planCommand(cmd, i, ctx);
    if (stage) planned.push(stage);
    else ok = false;
  });
  return ok && planned.length > 0 ? planned : undefined;
}

function planCommand(cmd: Command, i: number, ctx: PlanningContext): PlannedStage | undefined {
  const canonical = canonicalCommandName(cmd.name);
  if (!canonical) {
    ctx.report(diagnostic('DQL2001', cmd.nameSpan, [cmd.name]));
    return undefined;
  }
  const isSource = DATA_SOURCE_COMMANDS.has(canonical.toLowerCase());
  let ok = true;
  if (i === 0 && !isSource) {
    ctx.report(diagnostic('DQL2003', cmd.nameSpan, [canonical]));
    ok = false;
  }
  if (i > 0 && isSource) {
    ctx.report(diagnostic('DQL2004', cmd.nameSpan, [canonical]));
    ok = false;
  }
  const spec = findCommand(canonical);
  if (!spec) {
    ctx.report(diagnostic('DQL2002', cmd.nameSpan, [canonical]));
    return undefined;
  }
  const params = bindParameters(cmd, spec.name, spec.parameters, ctx.report);
  const stage = params ? spec.plan(cmd, params, ctx) : undefined;
  return ok ? stage : undefined;
}
