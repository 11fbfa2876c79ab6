/** The commands the engine implements, by lower-case name (DQL command names are case-insensitive). */
import { appendCommand } from './append';
import type { CommandSpec } from './command-spec';
import { dataCommand } from './data';
import { dedupCommand } from './dedup';
import { fetchCommand } from './fetch';
import { fieldsCommand } from './fields';
import { fieldsAddCommand } from './fields-add';
import { fieldsKeepCommand } from './fields-keep';
import { fieldsRemoveCommand } from './fields-remove';
import { fieldsRenameCommand } from './fields-rename';
import { filterCommand } from './filter';
import { filterOutCommand } from './filter-out';
import { joinCommand } from './join';
import { limitCommand } from './limit';
import { lookupCommand } from './lookup';
import { makeTimeseriesCommand } from './make-timeseries';
import { sortCommand } from './sort';
import { summarizeCommand } from './summarize';
import { UNAVAILABLE_COMMANDS } from './unavailable';

const COMMANDS: readonly CommandSpec[] = [
  fetchCommand,
  dataCommand,
  filterCommand,
  filterOutCommand,
  fieldsCommand,
  fieldsAddCommand,
  fieldsRemoveCommand,
  fieldsRenameCommand,
  fieldsKeepCommand,
  summarizeCommand,
  makeTimeseriesCommand,
  dedupCommand,
  sortCommand,
  limitCommand,
  appendCommand,
  lookupCommand,
  joinCommand,
  ...UNAVAILABLE_COMMANDS,
];

export const COMMAND_REGISTRY: ReadonlyMap<string, CommandSpec> = new Map(
  COMMANDS.map((c) => [c.name.toLowerCase(), c]),
);

export function findCommand(name: string): CommandSpec | undefined {
  return COMMAND_REGISTRY.get(name.toLowerCase());
}
