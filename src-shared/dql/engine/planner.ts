/**
 * AST → executable plan. Resolves each command against the catalogue and the registry, so a typo
 * (`limt`) is UNKNOWN_COMMAND while a real command the sandbox lacks (`summarize`) is
 * UNSUPPORTED_COMMAND, both with the command name's span. Pure and synchronous: the server plans
 * before it accepts a query, so syntax and semantic errors come back from query:execute at once.
 * Last, the planner folds what storage can do into the scan (pushdown.ts).
 */
import type { Query } from '../ast';
import { DATA_SOURCE_COMMANDS, canonicalCommandName } from '../catalog';
import { diagnostic, hasErrors } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { findCommand } from './commands/registry';
import { bindParameters } from './params';
import { applyPushdown } from './pushdown';
import type { Plan, PlannedStage, PlanningContext, TimeframeNs } from './types';

export interface PlanOptions {
  readonly nowNs: bigint;
  /** The request's defaultTimeframeStart/End, already validated (both or neither). */
  readonly defaultTimeframe?: TimeframeNs;
  /** Fold the recognised prefix into the storage scan (default true); false = pure evaluator. */
  readonly pushdown?: boolean;
}

export function planQuery(
  query: Query,
  options: PlanOptions,
): { plan: Plan | undefined; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const tables: string[] = [];
  let analysisTimeframe: TimeframeNs | undefined;
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
  };
  const planned: PlannedStage[] = [];
  query.commands.forEach((cmd, i) => {
    const canonical = canonicalCommandName(cmd.name);
    if (!canonical) {
      ctx.report(diagnostic('DQL2001', cmd.nameSpan, [cmd.name]));
      return;
    }
    const isSource = DATA_SOURCE_COMMANDS.has(canonical.toLowerCase());
    if (i === 0 && !isSource) ctx.report(diagnostic('DQL2003', cmd.nameSpan, [canonical]));
    if (i > 0 && isSource) ctx.report(diagnostic('DQL2004', cmd.nameSpan, [canonical]));
    const spec = findCommand(canonical);
    if (!spec) {
      ctx.report(diagnostic('DQL2002', cmd.nameSpan, [canonical]));
      return;
    }
    const params = bindParameters(cmd, spec.name, spec.parameters, ctx.report);
    const stage = params ? spec.plan(cmd, params, ctx) : undefined;
    if (stage) planned.push(stage);
  });
  if (hasErrors(diagnostics) || planned.length === 0) return { plan: undefined, diagnostics };
  if (options.pushdown === false)
    return { plan: { stages: planned.map((p) => p.run), tables, analysisTimeframe }, diagnostics };
  const { stages, pushdown } = applyPushdown(planned);
  return { plan: { stages, tables, analysisTimeframe, ...(pushdown ? { pushdown } : {}) }, diagnostics };
}
