/**
 * Shape of the generated catalogue (commands.generated.ts, functions.generated.ts): what the
 * reference dql.json says about each command and function, reduced to what Bizlens uses.
 */

/** DQL value types (reference §1.4). */
export const DQL_TYPES = [
  'array',
  'binary',
  'boolean',
  'double',
  'duration',
  'geopoint',
  'ip',
  'long',
  'record',
  'smartscapeid',
  'string',
  'timeframe',
  'timestamp',
  'uid',
] as const;
export type DqlType = (typeof DQL_TYPES)[number];

/**
 * What a parameter's value may be, as the catalogue names it: an expression reading fields, a
 * constant expression, a bare literal, an enum value, a field identifier, an execution block, …
 */
export type ValueKind =
  | 'bucket'
  | 'dataObject'
  | 'dplPattern'
  | 'entityAttribute'
  | 'entitySelector'
  | 'entityType'
  | 'enum'
  | 'executionBlock'
  | 'expressionTimeseriesAggregation'
  | 'expressionWithConstantValue'
  | 'expressionWithFieldAccess'
  | 'fieldPattern'
  | 'filePattern'
  | 'identifierForAnyField'
  | 'identifierForEdgeType'
  | 'identifierForFieldOnRootLevel'
  | 'identifierForNodeType'
  | 'joinCondition'
  | 'jsonPath'
  | 'metricKey'
  | 'metricTimeseriesAggregation'
  | 'namelessDplPattern'
  | 'nonEmptyExecutionBlock'
  | 'prefix'
  | 'primitiveValue'
  | 'simpleIdentifier'
  | 'tabularFileExisting'
  | 'tabularFileNew';

export interface ParamData {
  readonly name: string;
  readonly kinds?: readonly string[];
  /** Accepted value types; absent = any type. */
  readonly types?: readonly string[];
  readonly required?: boolean;
  /** Must be written as `name: value` (optional parameters are named in DQL). */
  readonly named?: boolean;
  readonly variadic?: boolean;
  /** Whether `alias = value` is allowed ('optional') or needed ('mandatory'). */
  readonly assign?: string;
  readonly default?: string;
  readonly enum?: readonly string[];
  readonly min?: string;
  readonly max?: string;
  readonly aliases?: readonly string[];
  readonly experimental?: boolean;
  /** Sort keywords (`asc`, `desc`) allowed after the value. */
  readonly modifiers?: readonly string[];
  /** For command parameters listed inside a `name: {…}` group of the synopsis: that group's name. */
  readonly group?: string;
}

/** A `name: …` / `name: {…}` group of a command (`by:`, `bucket:`, `fields:`, `on:`, `sort:`). */
export interface GroupData {
  readonly name: string;
  readonly required: boolean;
  readonly braces: boolean;
}

export interface CommandData {
  readonly name: string;
  readonly synopsis: string;
  readonly experimental?: boolean;
  readonly groups?: readonly GroupData[];
  readonly params: readonly ParamData[];
}

export interface FunctionData {
  /** Unique id (overloads share a name: `avg`, `expressionTimeseriesAvg`, `metricTimeseriesAvg`). */
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly synopsis: string;
  readonly returns: readonly string[];
  readonly experimental?: boolean;
  readonly deprecated?: boolean;
  readonly params: readonly ParamData[];
}
