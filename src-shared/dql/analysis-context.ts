/**
 * State shared by the analyzer's passes (analyzer.ts drives commands, analyze-arguments.ts binds
 * parameters, analyze-expressions.ts types expressions): the scope of fields, where results go.
 */
import type { Call, Command, Expression, Query } from './ast';
import type { FunctionSpec } from './catalog';
import type { Diagnostic } from './diagnostics';
import { FieldMap } from './field-map';
import type { Schema } from './schema';
import type { TypeSet } from './type-rules';

/**
 * The fields a command can see. `schemaless`: what we know plus anything the data may carry
 * (unknown names are warnings); `closed`: exactly these (after `fields`, `summarize`); `unknown`:
 * some were added that we cannot name (after `parse`, `lookup`), so nothing is reported.
 */
export interface Scope {
  readonly fields: FieldMap;
  readonly mode: 'schemaless' | 'closed' | 'unknown';
  /** What produced the fields, for messages: a data object or a command name. */
  readonly origin: string;
}

export const UNKNOWN_SCOPE: Scope = { fields: FieldMap.of([]), mode: 'unknown', origin: '' };

/** Per-expression context while walking a command's parameters. */
export interface Env {
  readonly scope: Scope;
  /** Canonical name of the command being analyzed. */
  readonly command: string;
  /** False where identifiers are not fields (join conditions, metric keys). */
  readonly fieldChecks: boolean;
  /** Set when the parameter must be constant: the parameter's name, for the message. */
  readonly constantFor?: string;
  /** Which overloads of avg(), count(), … apply. */
  readonly aggregation?: 'expression timeseries' | 'timeseries';
  /** The command has a syntax error: skip "missing argument" reports (the user is typing). */
  readonly partial: boolean;
}

export interface Context {
  readonly schema: Schema;
  readonly diagnostics: Diagnostic[];
  readonly types: Map<Expression, TypeSet>;
  readonly calls: Map<Call, FunctionSpec>;
  readonly scopes: Map<Command, Scope>;
  /** Analyzes an execution block `[…]` as a query of its own; returns its final scope. */
  subquery(q: Query): Scope;
  /** Types an expression (analyze-expressions.ts), recording the result. */
  visit(e: Expression, env: Env): TypeSet;
}
