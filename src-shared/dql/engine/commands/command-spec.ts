/**
 * The shape of one engine command. Adding a command = one file exporting a CommandSpec + one line
 * in registry.ts. `plan` validates the bound parameters and returns the stage that runs it, with
 * its shape when the planner may push it down into storage (pushdown.ts).
 */
import type { Command } from '../../ast';
import type { BoundParameters, ParameterSpec } from '../params';
import type { PlannedStage, PlanningContext } from '../types';

export interface CommandSpec {
  /** Canonical (catalogue) spelling. */
  readonly name: string;
  /** Data source commands start a query and ignore their input. */
  readonly isSource: boolean;
  readonly parameters: ParameterSpec;
  /** Returns undefined when it reported a problem through ctx.report. */
  plan(cmd: Command, params: BoundParameters, ctx: PlanningContext): PlannedStage | undefined;
}
