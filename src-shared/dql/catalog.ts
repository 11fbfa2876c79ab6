/**
 * The DQL catalogue as the language service uses it: every command and function with its
 * parameters, value types and a one-line description. Built from the generated data in
 * catalog-data/ (derived from the reference dql.json) plus a few corrections where the reference's
 * flat parameter lists say less than its synopses (OVERRIDES). Names are case-insensitive
 * (`summarize Count()` canonicalizes to `count()`).
 */
import { COMMAND_DATA } from './catalog-data/commands.generated';
import { COMMAND_DESCRIPTIONS, FUNCTION_DESCRIPTIONS } from './catalog-data/descriptions';
import { FUNCTION_DATA } from './catalog-data/functions.generated';
import type {
  CommandData,
  DqlType,
  FunctionData,
  GroupData,
  ParamData,
  ValueKind,
} from './catalog-data/types';

export type { DqlType, ValueKind } from './catalog-data/types';
export { DQL_TYPES } from './catalog-data/types';

export interface ParamSpec extends ParamData {
  readonly kinds: readonly ValueKind[];
  /** The same kinds as a set (checked for every argument). */
  readonly kindSet: ReadonlySet<string>;
  /** Accepted types; undefined = any. */
  readonly types: readonly DqlType[] | undefined;
}

interface Arity {
  /** Parameters written without a name, in order (a named one may still be given by name). */
  readonly positional: readonly ParamSpec[];
  readonly minPositional: number;
  /** The required positional parameters, one per name. */
  readonly requiredPositional: readonly ParamSpec[];
  /** Parameters and groups that must be given by name (`lookupField:`, `on:`). */
  readonly requiredNamed: readonly (ParamSpec | GroupData)[];
  /** Infinity when the last positional parameter is variadic. */
  readonly maxPositional: number;
  /** Every name a `name: value` argument may use. */
  readonly names: ReadonlyMap<string, ParamSpec | GroupData>;
}

export interface CommandSpec extends Arity {
  readonly name: string;
  readonly synopsis: string;
  readonly description: string;
  readonly experimental: boolean;
  /** Must start a query (reference §1.1). */
  readonly isSource: boolean;
  readonly groups: readonly GroupData[];
  readonly params: readonly ParamSpec[];
}

export interface FunctionSpec extends Arity {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly synopsis: string;
  readonly description: string;
  readonly returns: readonly DqlType[];
  readonly experimental: boolean;
  readonly deprecated: boolean;
  readonly params: readonly ParamSpec[];
}

/** Commands that must start a query (reference §1.1). */
const SOURCES = [
  'data',
  'describe',
  'fetch',
  'fieldsSnapshot',
  'load',
  'metrics',
  'smartscapeEdges',
  'smartscapeNodes',
  'timeseries',
];

/**
 * Where the reference's flat parameter list marks as required what the synopsis shows is not:
 * `data` takes records *or* `json:`; `search` takes just a condition; `summarize by:{…}` alone
 * lists the distinct groups.
 */
const NOT_REQUIRED: Readonly<Record<string, readonly string[]>> = {
  data: ['record', 'expression'],
  search: ['field'],
  summarize: ['aggregation'],
};

function toParam(p: ParamData, relaxed: readonly string[] = []): ParamSpec {
  return {
    ...p,
    kinds: (p.kinds ?? []) as readonly ValueKind[],
    kindSet: new Set(p.kinds ?? []),
    types: p.types as readonly DqlType[] | undefined,
    ...(relaxed.includes(p.name) ? { required: false } : {}),
  };
}

function arity(params: readonly ParamSpec[], groups: readonly GroupData[], aliasable: boolean): Arity {
  const positional = params.filter((p) => !p.named && !p.group);
  const names = new Map<string, ParamSpec | GroupData>();
  for (const p of params) {
    if (p.group) continue;
    names.set(p.name.toLowerCase(), p);
    for (const a of p.aliases ?? []) names.set(a.toLowerCase(), p);
  }
  for (const g of groups) names.set(g.name.toLowerCase(), g);
  // `value, alias: name` is accepted where `name = value` is (IJ inspection DQLAliasDisallowed).
  if (aliasable && !names.has('alias')) {
    names.set('alias', { name: 'alias', kinds: [], kindSet: new Set(), types: ['string'] });
  }
  const requiredPositional = [
    ...new Map(positional.filter((p) => p.required).map((p) => [p.name, p])).values(),
  ];
  const requiredNamed = [
    ...params.filter((p) => p.named && p.required && !p.group),
    ...groups.filter((g) => g.required),
  ];
  return {
    positional,
    requiredPositional,
    requiredNamed,
    minPositional: requiredPositional.length,
    maxPositional: positional.some((p) => p.variadic) ? Infinity : positional.length,
    names,
  };
}

function buildCommand(c: CommandData): CommandSpec {
  const params = c.params.map((p) => toParam(p, NOT_REQUIRED[c.name]));
  const groups = c.groups ?? [];
  return {
    name: c.name,
    synopsis: c.synopsis,
    description: COMMAND_DESCRIPTIONS[c.name] ?? '',
    experimental: c.experimental === true,
    isSource: SOURCES.includes(c.name),
    groups,
    params,
    ...arity(
      params,
      groups,
      params.some((p) => p.assign !== undefined),
    ),
  };
}

function buildFunction(f: FunctionData): FunctionSpec {
  const params = f.params.map((p) => toParam(p));
  return {
    id: f.id,
    name: f.name,
    category: f.category,
    synopsis: f.synopsis,
    description: FUNCTION_DESCRIPTIONS[f.id] ?? '',
    returns: f.returns as readonly DqlType[],
    experimental: f.experimental === true,
    deprecated: f.deprecated === true,
    params,
    ...arity(params, [], false),
  };
}

/** All 34 commands, in catalogue order. */
export const COMMAND_SPECS: readonly CommandSpec[] = COMMAND_DATA.map(buildCommand);
/** All 264 functions (overloads of one name are separate entries), in catalogue order. */
export const FUNCTION_SPECS: readonly FunctionSpec[] = FUNCTION_DATA.map(buildFunction);

const commandsByName = new Map(COMMAND_SPECS.map((c) => [c.name.toLowerCase(), c]));
const functionsByName = new Map<string, FunctionSpec[]>();
for (const f of FUNCTION_SPECS) {
  const key = f.name.toLowerCase();
  functionsByName.set(key, [...(functionsByName.get(key) ?? []), f]);
}

const exactFunctions = new Map<string, FunctionSpec[]>();
for (const list of functionsByName.values()) for (const f of list) exactFunctions.set(f.name, list);

export function findCommand(name: string): CommandSpec | undefined {
  return commandsByName.get(name) ?? commandsByName.get(name.toLowerCase());
}

/** Every overload of a function name (e.g. `avg` for summarize, makeTimeseries and timeseries). */
export function findFunctions(name: string): readonly FunctionSpec[] {
  // Most names are written in their canonical lower-camel spelling: try that before lower-casing.
  return exactFunctions.get(name) ?? functionsByName.get(name.toLowerCase()) ?? [];
}

/** All 34 DQL commands, lower-case → canonical spelling. */
export const DQL_COMMANDS: ReadonlyMap<string, string> = new Map(
  COMMAND_SPECS.map((c) => [c.name.toLowerCase(), c.name]),
);

/** DQL function names (all categories), lower-case → canonical spelling. */
export const DQL_FUNCTIONS: ReadonlyMap<string, string> = new Map(
  FUNCTION_SPECS.map((f) => [f.name.toLowerCase(), f.name]),
);

/** Commands that must start a query (reference §1.1), lower-case. */
export const DATA_SOURCE_COMMANDS: ReadonlySet<string> = new Set(SOURCES.map((n) => n.toLowerCase()));

/** Grail data objects `fetch` knows; the sandbox stores only `bizevents` so far. */
export const KNOWN_DATA_OBJECTS: ReadonlySet<string> = new Set([
  'bizevents',
  'logs',
  'events',
  'spans',
  'metrics',
  'dt.system.events',
  'dt.system.buckets',
  'dt.system.data_objects',
  'dt.system.query_executions',
  'dt.davis.problems',
  'dt.davis.events',
  'dt.entity.host',
  'dt.entity.service',
  'dt.entity.process_group',
  'dt.entity.process_group_instance',
  'dt.entity.application',
  'security.events',
  'user.events',
  'user.sessions',
  'application.snapshots',
]);

/** Data objects are known by name, plus every `dt.entity.<type>` (there are hundreds). */
export function isKnownDataObject(name: string): boolean {
  return KNOWN_DATA_OBJECTS.has(name) || /^dt\.entity\.[a-z0-9_]+$/.test(name);
}

export function canonicalCommandName(name: string): string | undefined {
  return DQL_COMMANDS.get(name.toLowerCase());
}

export function canonicalFunctionName(name: string): string | undefined {
  return DQL_FUNCTIONS.get(name.toLowerCase());
}
