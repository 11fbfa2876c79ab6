/**
 * Commands that read what only a Dynatrace environment has — metrics, entities, Smartscape,
 * stored files: they parse, and planning answers NOT_AVAILABLE_IN_SANDBOX at the command name.
 */
import { diagnostic } from '../../diagnostics';
import type { CommandSpec } from './command-spec';

function unavailable(name: string, isSource: boolean, reads: string): CommandSpec {
  return {
    name,
    isSource,
    parameters: { maxPositional: Number.MAX_SAFE_INTEGER, named: [], anyNamed: true },
    plan(cmd, _params, ctx) {
      ctx.report(diagnostic('DQL2090', cmd.nameSpan, [name, reads]));
      return undefined;
    },
  };
}

/** Parameters are not checked: the command cannot run here whatever they are. */
export const UNAVAILABLE_COMMANDS: readonly CommandSpec[] = [
  unavailable('timeseries', true, 'metrics'),
  unavailable('metrics', true, 'metrics'),
  unavailable('smartscapeNodes', true, 'Smartscape'),
  unavailable('smartscapeEdges', true, 'Smartscape'),
  unavailable('traverse', false, 'Smartscape'),
  unavailable('fieldsSnapshot', true, 'field snapshots'),
  unavailable('load', true, 'stored tabular files'),
  unavailable('experimentalSave', false, 'stored tabular files'),
];
