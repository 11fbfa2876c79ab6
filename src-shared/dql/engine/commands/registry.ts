/** The commands the engine implements, by lower-case name (DQL command names are case-insensitive). */
import { appendCommand } from './append';
import type { CommandSpec } from './command-spec';
import { dataCommand } from './data';
import { dedupCommand } from './dedup';
import { describeCommand } from './describe';
import { expandCommand } from './expand';
import { failIfCommand } from './fail-if';
import { fetchCommand } from './fetch';
import { fieldsCommand } from './fields';
import { fieldsAddCommand } from './fields-add';
import { fieldsFlattenCommand } from './fields-flatten';
import { fieldsKeepCommand } from './fields-keep';
import { fieldsRemoveCommand } from './fields-remove';
import { fieldsRenameCommand } from './fields-rename';
import { fieldsSummaryCommand } from './fields-summary';
import { filterCommand } from './filter';
import { filterOutCommand } from './filter-out';
import { joinCommand } from './join';
import { joinNestedCommand } from './join-nested';
import { jsonExtractCommand } from './json-extract';
import { limitCommand } from './limit';
import { lookupCommand } from './lookup';
import { makeTimeseriesCommand } from './make-timeseries';
import { parseCommand } from './parse';
import { searchCommand } from './search';
import { sortCommand } from './sort';
import { summarizeCommand } from './summarize';
import { UNAVAILABLE_COMMANDS } from './unavailable';

const COMMANDS: readonly CommandSpec[] = [
  fetchCommand,
  dataCommand,
  describeCommand,
  filterCommand,
  filterOutCommand,
  searchCommand,
  fieldsCommand,
  fieldsAddCommand,
  fieldsRemoveCommand,
  fieldsRenameCommand,
  fieldsKeepCommand,
  fieldsFlattenCommand,
  fieldsSummaryCommand,
  jsonExtractCommand,
  parseCommand,
  summarizeCommand,
  makeTimeseriesCommand,
  dedupCommand,
  expandCommand,
  sortCommand,
  limitCommand,
  failIfCommand,
  appendCommand,
  lookupCommand,
  joinCommand,
  joinNestedCommand,
  ...UNAVAILABLE_COMMANDS,
];

export const COMMAND_REGISTRY: ReadonlyMap<string, CommandSpec> = new Map(
  COMMANDS.map((c) => [c.name.toLowerCase(), c]),
);

export function findCommand(name: string): CommandSpec | undefined {
  return COMMAND_REGISTRY.get(name.toLowerCase());
}
