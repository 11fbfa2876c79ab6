/**
 * DQL syntax tree. Every node has a span; the tree is deliberately close to the surface syntax
 * (parameters stay positional/named, assignments and sort directions are nodes) so the editor,
 * the canonical formatter and the planner can all work from it. Error nodes keep a partial tree
 * usable after a syntax error.
 */
import type { Span } from './source-span';
import type { DurationUnit } from './tokens';

export interface Query extends Span {
  readonly type: 'query';
  readonly commands: readonly Command[];
}

export interface Command extends Span {
  readonly type: 'command';
  /** As written (command names are case-insensitive; see catalog.ts). */
  readonly name: string;
  readonly nameSpan: Span;
  readonly params: readonly Parameter[];
}

export interface PositionalParameter extends Span {
  readonly type: 'positional';
  readonly value: Expression;
}

export interface NamedParameter extends Span {
  readonly type: 'named';
  readonly name: string;
  readonly nameSpan: Span;
  readonly value: Expression;
}

export type Parameter = PositionalParameter | NamedParameter;

export type Expression =
  | Literal
  | FieldRef
  | VariableRef
  | Unary
  | Binary
  | Call
  | Index
  | Assign
  | SortDirection
  | Group
  | Subquery
  | Alignment
  | ErrorNode;

export type LiteralValue =
  | { readonly kind: 'long'; readonly value: bigint }
  | { readonly kind: 'double'; readonly value: number }
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | { readonly kind: 'duration'; readonly amount: bigint; readonly unit: DurationUnit };

export interface Literal extends Span {
  readonly type: 'literal';
  readonly literal: LiteralValue;
  readonly raw: string;
}

export interface FieldRef extends Span {
  readonly type: 'field';
  readonly name: string;
  readonly quoted: boolean;
}

export interface VariableRef extends Span {
  readonly type: 'variable';
  readonly name: string;
}

export type UnaryOperator = '-' | 'not';

export interface Unary extends Span {
  readonly type: 'unary';
  readonly op: UnaryOperator;
  readonly operand: Expression;
}

export type BinaryOperator =
  'or' | 'xor' | 'and' | 'in' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '+' | '-' | '*' | '/' | '%';

export interface Binary extends Span {
  readonly type: 'binary';
  readonly op: BinaryOperator;
  readonly left: Expression;
  readonly right: Expression;
  readonly opSpan: Span;
}

export interface Call extends Span {
  readonly type: 'call';
  readonly name: string;
  readonly nameSpan: Span;
  readonly args: readonly Parameter[];
}

/** `expr[index]`, or `expr[]` (element-wise iteration) when index is undefined. */
export interface Index extends Span {
  readonly type: 'index';
  readonly target: Expression;
  readonly index: Expression | undefined;
}

/** `name = expr` (fields, fieldsAdd, summarize, by:{…}). */
export interface Assign extends Span {
  readonly type: 'assign';
  readonly target: FieldRef;
  readonly value: Expression;
}

/** `expr asc` / `expr desc` (only meaningful in sort contexts). */
export interface SortDirection extends Span {
  readonly type: 'sortDirection';
  readonly expr: Expression;
  readonly direction: 'asc' | 'desc';
}

/** `{a, b, name: c}` parameter group. */
export interface Group extends Span {
  readonly type: 'group';
  readonly items: readonly Parameter[];
}

/** `[fetch … | …]` execution block. */
export interface Subquery extends Span {
  readonly type: 'subquery';
  readonly query: Query;
}

/** `expr @ unit` time alignment, or prefix `@unit` (target undefined ≡ now()). */
export interface Alignment extends Span {
  readonly type: 'alignment';
  readonly target: Expression | undefined;
  readonly unit: Expression;
}

/** Placeholder where the parser could not build an expression (a diagnostic was reported). */
export interface ErrorNode extends Span {
  readonly type: 'error';
}
