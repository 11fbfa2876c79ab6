/**
 * DQL semantic analysis (Kusto's ParseAndAnalyze): parses, then checks every command and function
 * against the catalogue and every field against what the previous commands produce. Syntax and
 * semantic diagnostics come back together, ordered by position; types, resolved calls and the
 * fields visible at each command come back in side tables for hover and completion.
 * Never throws (a bug becomes DQL1099, like the parser's).
 */
import type { Call, Command, Expression, Parameter, Query } from './ast';
import { bindArguments, checkBinding } from './analyze-arguments';
import type { Binding, Owner } from './analyze-arguments';
import { visitExpression } from './analyze-expressions';
import { UNKNOWN_SCOPE } from './analysis-context';
import type { Context, Env, Scope } from './analysis-context';
import type { CommandSpec, FunctionSpec } from './catalog';
import { COMMAND_SPECS, findCommand } from './catalog';
import { diagnostic, hasErrors, withSuggestion } from './diagnostics';
import type { Diagnostic } from './diagnostics';
import { FieldMap } from './field-map';
import { formatExpression } from './format';
import { ungroupParameter } from './parameter-groups';
import { parse } from './parser';
import { DEFAULT_SCHEMA, fieldsOf } from './schema';
import type { FieldTypes, Schema } from './schema';
import { nearestName } from './suggest';
import type { Token } from './tokens';
import type { TypeSet } from './type-rules';

export type { Scope } from './analysis-context';

export interface Analysis {
  readonly text: string;
  readonly ast: Query;
  readonly tokens: readonly Token[];
  /** Syntax and semantic diagnostics, ordered by start. */
  readonly diagnostics: readonly Diagnostic[];
  readonly hasErrors: boolean;
  /** The fields each command sees (its input), for completion. */
  readonly scopes: ReadonlyMap<Command, Scope>;
  readonly types: ReadonlyMap<Expression, TypeSet>;
  /** The catalogue entry each call resolved to (the overload, for avg/count/…). */
  readonly calls: ReadonlyMap<Call, FunctionSpec>;
}

export function analyze(text: string, schema: Schema = DEFAULT_SCHEMA): Analysis {
  const parsed = parse(text);
  const syntax = parsed.diagnostics;
  const ctx: Context = {
    schema,
    diagnostics: [],
    types: new Map(),
    calls: new Map(),
    scopes: new Map(),
    subquery: (q) => analyzeQuery(q, ctx, syntax),
    visit: (e, env) => visitExpression(e, env, ctx),
  };
  try {
    analyzeQuery(parsed.ast, ctx, syntax);
  } catch {
    ctx.diagnostics.push(diagnostic('DQL1099', { start: 0, end: text.length }));
  }
  const diagnostics = [...syntax, ...ctx.diagnostics].sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    text,
    ast: parsed.ast,
    tokens: parsed.tokens,
    diagnostics,
    hasErrors: hasErrors(diagnostics),
    scopes: ctx.scopes,
    types: ctx.types,
    calls: ctx.calls,
  };
}

const SOURCE_NAMES = COMMAND_SPECS.filter((c) => c.isSource).map((c) => c.name);
const OTHER_NAMES = COMMAND_SPECS.filter((c) => !c.isSource).map((c) => c.name);

function analyzeQuery(query: Query, ctx: Context, syntax: readonly Diagnostic[]): Scope {
  let scope: Scope = UNKNOWN_SCOPE;
  query.commands.forEach((cmd, i) => {
    ctx.scopes.set(cmd, scope);
    const spec = findCommand(cmd.name);
    const partial = syntax.some((d) => d.start >= cmd.start && d.start <= cmd.end);
    const env: Env = { scope, command: spec?.name ?? cmd.name, fieldChecks: true, partial };
    if (!spec) {
      const d = diagnostic('DQL2001', cmd.nameSpan, [cmd.name]);
      // At the start a data source is expected, later a processing command: prefer those.
      const near =
        nearestName(cmd.name, i === 0 ? SOURCE_NAMES : OTHER_NAMES) ??
        nearestName(cmd.name, [...SOURCE_NAMES, ...OTHER_NAMES]);
      ctx.diagnostics.push(withSuggestion(d, near));
      for (const p of cmd.params) visitExpression(p.value, { ...env, fieldChecks: false }, ctx);
      scope = UNKNOWN_SCOPE;
      return;
    }
    if (i === 0 && !spec.isSource) ctx.diagnostics.push(diagnostic('DQL2003', cmd.nameSpan, [spec.name]));
    if (i > 0 && spec.isSource) ctx.diagnostics.push(diagnostic('DQL2004', cmd.nameSpan, [spec.name]));
    const owner: Owner = { kind: 'command', spec, nameSpan: cmd.nameSpan };
    const params = cmd.params.flatMap(ungroupParameter);
    const bindings = bindArguments(params, owner, env, ctx);
    for (const b of bindings) checkBinding(b, owner, env, ctx);
    if (bindings.length < params.length) {
      // Parameters that bound to nothing (unknown names, extras) are still checked inside.
      const bound = new Set(bindings.map((b) => b.param));
      const loose: Env = { ...env, fieldChecks: false };
      for (const p of params) if (!bound.has(p)) visitExpression(p.value, loose, ctx);
    }
    scope = nextScope(scope, params, spec, bindings, ctx);
  });
  return scope;
}

/** The name a computed column gets: the assignment's target, a field's own name, else its text. */
function columnName(p: Parameter): string {
  const v = p.value.type === 'sortDirection' ? p.value.expr : p.value;
  if (v.type === 'assign') return v.target.name;
  if (v.type === 'field') return v.name;
  return formatExpression(v);
}

function columnType(p: Parameter, ctx: Context): FieldTypes {
  const v = p.value.type === 'assign' ? p.value.value : p.value;
  return ctx.types.get(v);
}

/** The values bound to the parameter (or group) of that name. */
function valuesOf(bindings: readonly Binding[], name: string): Parameter[] {
  return bindings
    .filter((b) => b.target.name === name)
    .flatMap((b) =>
      b.param.value.type === 'group' && 'braces' in b.target ? [...b.param.value.items] : [b.param],
    );
}

function columns(params: readonly Parameter[], ctx: Context): [string, FieldTypes][] {
  return params.map((p) => [columnName(p), columnType(p, ctx)]);
}

/** What the command passes on: the scope after it (reference §1.1, command by command). */
function nextScope(
  scope: Scope,
  params: readonly Parameter[],
  spec: CommandSpec,
  bindings: readonly Binding[],
  ctx: Context,
): Scope {
  const positional = params.filter((p) => p.type === 'positional');
  const closed = (fields: [string, FieldTypes][]): Scope => ({
    fields: FieldMap.of(fields),
    mode: 'closed',
    origin: spec.name,
  });
  const added = (fields: [string, FieldTypes][]): Scope => ({
    ...scope,
    fields: scope.fields.with(fields),
  });
  switch (spec.name) {
    case 'fetch': {
      const source = positional[0]?.value;
      if (source?.type !== 'field') return UNKNOWN_SCOPE;
      const known = ctx.schema.dataObjects.has(source.name);
      return {
        fields: FieldMap.of(fieldsOf(ctx.schema, source.name)),
        mode: known ? 'schemaless' : 'unknown',
        origin: source.name,
      };
    }
    case 'data': {
      const fields = positional.flatMap((p) =>
        p.value.type === 'call'
          ? p.value.args.map((a): [string, FieldTypes] => [columnName(a), columnType(a, ctx)])
          : [],
      );
      return {
        fields: FieldMap.of(fields),
        mode: bindings.some((b) => b.target.name === 'json') ? 'unknown' : 'closed',
        origin: 'data',
      };
    }
    case 'fields':
      return closed(columns(positional, ctx));
    case 'fieldsAdd':
      return added(columns(positional, ctx));
    case 'fieldsKeep': {
      if (positional.some((p) => p.value.type !== 'field')) return { ...scope, mode: 'unknown' };
      return {
        ...scope,
        fields: FieldMap.of(columns(positional, ctx).map(([n]) => [n, scope.fields.get(n)])),
        mode: 'closed',
        origin: spec.name,
      };
    }
    case 'fieldsRemove': {
      const names = positional.flatMap((p) => (p.value.type === 'field' ? [p.value.name] : []));
      return { ...scope, fields: scope.fields.without(names) };
    }
    case 'fieldsRename': {
      let fields = scope.fields;
      for (const p of positional) {
        if (p.value.type !== 'assign' || p.value.value.type !== 'field') continue;
        const from = p.value.value.name;
        fields = fields.without([from]).with([[p.value.target.name, scope.fields.get(from)]]);
      }
      return { ...scope, fields };
    }
    case 'summarize':
      return closed([...columns(positional, ctx), ...columns(valuesOf(bindings, 'by'), ctx)]);
    case 'makeTimeseries':
      return closed([
        ['timeframe', ['timeframe']],
        ['interval', ['duration']],
        ...columns(positional, ctx).map(([n]): [string, FieldTypes] => [n, ['array']]),
        ...columns(valuesOf(bindings, 'by'), ctx),
      ]);
    case 'timeseries':
      return closed([
        ['timeframe', ['timeframe']],
        ['interval', ['duration']],
        ...columns(positional, ctx).map(([n]): [string, FieldTypes] => [n, ['array']]),
        ...columns(valuesOf(bindings, 'by'), ctx).map(([n]): [string, FieldTypes] => [n, undefined]),
      ]);
    case 'filter':
    case 'filterOut':
    case 'sort':
    case 'limit':
    case 'dedup':
    case 'search':
    case 'failIf':
    case 'experimentalSave':
    case 'expand':
      return scope;
    default:
      // parse, lookup, join, fieldsFlatten, jsonExtract, append, …: adds fields we cannot name.
      return { ...scope, mode: 'unknown', origin: spec.name };
  }
}
