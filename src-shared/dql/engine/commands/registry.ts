/** The commands the engine implements, by lower-case name (DQL command names are case-insensitive). */
import type { CommandSpec } from './command-spec';
import { fetchCommand } from './fetch';
import { limitCommand } from './limit';
import { sortCommand } from './sort';

const COMMANDS: readonly CommandSpec[] = [fetchCommand, limitCommand, sortCommand];

export const COMMAND_REGISTRY: ReadonlyMap<string, CommandSpec> = new Map(
  COMMANDS.map((c) => [c.name.toLowerCase(), c]),
);

export function findCommand(name: string): CommandSpec | undefined {
  return COMMAND_REGISTRY.get(name.toLowerCase());
}
