/**
 * Binding and checking of command parameters and function arguments against the catalogue (one
 * binder for both, since both follow the same rules: positional values in order, optional ones by
 * name, a variadic last parameter takes the rest) and checking each value's kind and type.
 */
import type { Expression, Parameter } from './ast';
import type { CommandSpec, FunctionSpec, ParamSpec } from './catalog';
import type { GroupData } from './catalog-data/types';
import { findFunctions, isKnownDataObject, KNOWN_DATA_OBJECTS } from './catalog';
import { diagnostic, withHint, withSuggestion } from './diagnostics';
import type { Context, Env } from './analysis-context';
import { span } from './source-span';
import type { Span } from './source-span';
import { nearestName } from './suggest';
import { PLAIN_IDENTIFIER } from './tokens';
import { accepts, describeTypes } from './type-rules';
import type { TypeSet } from './type-rules';

export interface Owner {
  readonly kind: 'command' | 'function';
  readonly spec: CommandSpec | FunctionSpec;
  readonly nameSpan: Span;
}

export interface Binding {
  readonly target: ParamSpec | GroupData;
  readonly param: Parameter;
}

const isGroup = (t: ParamSpec | GroupData): t is GroupData => 'braces' in t;
/** Shared by calls without named arguments (never written to: only named arguments add names). */
const NO_NAMES: Set<string> = new Set();

/** Matches arguments to parameters, reporting unknown names, duplicates, extras and omissions. */
export function bindArguments(args: readonly Parameter[], owner: Owner, env: Env, ctx: Context): Binding[] {
  const { spec } = owner;
  const isCommand = owner.kind === 'command';
  const bindings: Binding[] = [];
  const seen = args.some((a) => a.type === 'named') ? new Set<string>() : NO_NAMES;
  const positional: Parameter[] = [];
  for (const a of args) {
    if (a.type !== 'named') {
      positional.push(a);
      continue;
    }
    const key = a.name.toLowerCase();
    const target = spec.names.get(key);
    if (!target) {
      const d = diagnostic(isCommand ? 'DQL2008' : 'DQL2019', a.nameSpan, [spec.name, a.name]);
      const names = [...spec.names.values()].map((t) => t.name);
      ctx.diagnostics.push(withSuggestion(d, nearestName(a.name, names)));
      continue;
    }
    if (seen.has(key) && !(!isGroup(target) && target.variadic)) {
      ctx.diagnostics.push(diagnostic('DQL2011', a.nameSpan, [a.name]));
    }
    seen.add(key);
    bindings.push({ target, param: a });
  }

  const free = seen.size ? spec.positional.filter((p) => !seen.has(p.name.toLowerCase())) : spec.positional;
  let slot = 0;
  for (const a of positional) {
    const p = free[slot];
    if (!p) {
      const max = String(free.length);
      const named = spec.params.filter((q) => q.named && !q.group).map((q) => `${q.name}:`);
      let d = diagnostic(isCommand ? 'DQL2010' : 'DQL2021', a, [spec.name, max]);
      if (named.length) d = withHint(d, `Name the optional ones (${named.slice(0, 3).join(', ')}).`);
      ctx.diagnostics.push(d);
      break;
    }
    bindings.push({ target: p, param: a });
    if (!p.variadic) slot++;
  }

  if (!env.partial) reportMissing(owner, free, positional.length, seen, ctx);
  return bindings;
}

function reportMissing(
  owner: Owner,
  free: readonly ParamSpec[],
  given: number,
  seen: ReadonlySet<string>,
  ctx: Context,
): void {
  const { spec } = owner;
  const code = owner.kind === 'command' ? 'DQL2007' : 'DQL2020';
  const requiredFree =
    free === spec.positional
      ? spec.requiredPositional
      : [...new Map(free.filter((p) => p.required).map((p) => [p.name, p])).values()];
  const missing = requiredFree[given];
  if (missing) {
    ctx.diagnostics.push(diagnostic(code, owner.nameSpan, [spec.name, missing.name]));
    return;
  }
  for (const p of spec.requiredNamed) {
    if (!seen.has(p.name.toLowerCase())) {
      ctx.diagnostics.push(diagnostic(code, owner.nameSpan, [spec.name, `${p.name}:`]));
      return;
    }
  }
}

const STRING_KINDS = new Set([
  'bucket',
  'prefix',
  'dplPattern',
  'namelessDplPattern',
  'tabularFileNew',
  'tabularFileExisting',
  'jsonPath',
  'entitySelector',
  'filePattern',
]);
const FIELD_KINDS = new Set(['identifierForFieldOnRootLevel', 'identifierForAnyField', 'fieldPattern']);
const OPAQUE_KINDS = new Set([
  'identifierForEdgeType',
  'identifierForNodeType',
  'entityType',
  'entityAttribute',
  'simpleIdentifier',
]);

/** Checks one bound value: sort keywords, assignments, the value's kind, then its type. */
export function checkBinding(b: Binding, owner: Owner, env: Env, ctx: Context): void {
  const { target } = b;
  if (isGroup(target)) {
    const member = owner.spec.params.find((p) => p.group === target.name);
    // `fields: {…}` of join/lookup/fieldsFlatten names fields of the other side or of the record.
    if (target.name === 'fields') env = { ...env, fieldChecks: false };
    const value = b.param.value;
    const items =
      value.type === 'group'
        ? value.items
        : [{ type: 'positional' as const, value, ...span(value.start, value.end) }];
    for (const item of items) {
      if (member && item.type === 'positional') checkValue(member, item.value, owner, env, ctx);
      else ctx.visit(item.value, env);
    }
    return;
  }
  checkValue(target, b.param.value, owner, env, ctx);
}

function checkValue(p: ParamSpec, value: Expression, owner: Owner, env: Env, ctx: Context) {
  let v = value;
  let typeCheck = true;
  if (v.type === 'sortDirection') {
    // The catalogue puts dedup's asc/desc on the wrong `expression`; `sort:` always allows them.
    if (!p.modifiers && p.group !== 'sort') {
      ctx.diagnostics.push(diagnostic('DQL2026', trimSpan(v, v.direction), [v.direction]));
    }
    v = v.expr;
  }
  if (v.type === 'assign') {
    if (!p.assign) {
      let d = diagnostic('DQL2025', v, [owner.spec.name]);
      if (p.types?.includes('boolean')) d = withHint(d, 'To compare, use `==`.');
      ctx.diagnostics.push(d);
      typeCheck = false;
    }
    v = v.value;
  } else if (p.assign === 'mandatory') {
    ctx.diagnostics.push(diagnostic('DQL2012', v, [p.name, 'an assignment such as `newName = oldName`']));
  }
  const type = checkKind(p, v, env, ctx);
  if (typeCheck && p.types && type && !accepts(p.types, type)) {
    ctx.diagnostics.push(diagnostic('DQL2022', v, [p.name, describeTypes(p.types), describeTypes(type)]));
  }
  checkBounds(p, v, ctx);
}

/** The span of `word` at the end of `at` (the `desc` of `x desc`). */
function trimSpan(at: Span, word: string): Span {
  return { start: at.end - word.length, end: at.end };
}

function invalid(ctx: Context, at: Span, p: ParamSpec, what: string): void {
  ctx.diagnostics.push(diagnostic('DQL2012', at, [p.name, what]));
}

/** Which kinds of a parameter fall in the classes below, worked out once per parameter. */
interface KindClasses {
  field: boolean;
  string: boolean;
  opaque: boolean;
}
const kindClasses = new WeakMap<ParamSpec, KindClasses>();
function classesOf(p: ParamSpec): KindClasses {
  let c = kindClasses.get(p);
  if (!c) {
    const kinds = [...p.kindSet];
    c = {
      field: kinds.some((k) => FIELD_KINDS.has(k)),
      string: kinds.some((k) => STRING_KINDS.has(k)),
      opaque: kinds.some((k) => OPAQUE_KINDS.has(k)),
    };
    kindClasses.set(p, c);
  }
  return c;
}

function checkKind(p: ParamSpec, v: Expression, env: Env, ctx: Context): TypeSet {
  const kinds = p.kindSet;
  const visit = ctx.visit;
  if (kinds.size === 0 || kinds.has('expressionWithFieldAccess')) return visit(v, env);
  if (kinds.has('joinCondition')) return visit(v, { ...env, fieldChecks: false });
  if (kinds.has('expressionWithConstantValue')) return visit(v, { ...env, constantFor: p.name });
  if (kinds.has('primitiveValue')) {
    const literal = v.type === 'literal' || (v.type === 'unary' && v.operand.type === 'literal');
    if (!literal) invalid(ctx, v, p, 'a literal value');
    return visit(v, env);
  }
  if (kinds.has('enum')) return checkEnum(p, v, ctx);
  if (kinds.has('dataObject')) return checkDataObject(p, v, ctx);
  if (kinds.has('executionBlock') || kinds.has('nonEmptyExecutionBlock')) {
    if (v.type === 'subquery') ctx.subquery(v.query);
    else invalid(ctx, v, p, 'a sub-query in brackets, such as `[fetch logs]`');
    return undefined;
  }
  const classes = classesOf(p);
  if (classes.field) {
    const isPattern = kinds.has('fieldPattern') && v.type === 'literal' && v.literal.kind === 'string';
    const isField = v.type === 'field' || (kinds.has('identifierForAnyField') && v.type === 'index');
    if (!isPattern && !isField) invalid(ctx, v, p, 'a field name');
    // lookup's lookupField names a field of the sub-query, not of the input.
    return isField
      ? visit(v, { ...env, fieldChecks: env.fieldChecks && p.name !== 'lookupField' })
      : undefined;
  }
  if (kinds.has('expressionTimeseriesAggregation') || kinds.has('metricTimeseriesAggregation')) {
    const aggregation = kinds.has('metricTimeseriesAggregation') ? 'timeseries' : 'expression timeseries';
    const overloads = v.type === 'call' ? findFunctions(v.name) : [];
    // An unknown function name is reported by the visit; a known one must be an aggregation.
    const fits =
      v.type === 'call' && (overloads.length === 0 || overloads.some((f) => f.category === aggregation));
    if (!fits) {
      const example = aggregation === 'timeseries' ? 'avg(metric.key)' : 'count()';
      invalid(ctx, v, p, `an aggregation such as ${example}`);
    }
    return visit(v, { ...env, aggregation });
  }
  if (classes.string) {
    if (v.type !== 'literal' || v.literal.kind !== 'string') invalid(ctx, v, p, 'a string');
    return ['string'];
  }
  if (kinds.has('metricKey') || classes.opaque) return undefined;
  return visit(v, env);
}

const unquote = (s: string) => s.replace(/^"(.*)"$/, '$1');

function checkEnum(p: ParamSpec, v: Expression, ctx: Context): TypeSet {
  const allowed = (p.enum ?? []).map(unquote);
  const given =
    v.type === 'literal' && v.literal.kind === 'string'
      ? v.literal.value
      : v.type === 'field'
        ? v.name
        : undefined;
  if (given === undefined || !allowed.includes(given)) {
    const d = diagnostic('DQL2012', v, [p.name, `one of ${allowed.join(', ')}`]);
    const near = given === undefined ? undefined : nearestName(given, allowed);
    const replacement = near && v.type === 'literal' ? `"${near}"` : near;
    ctx.diagnostics.push(withSuggestion(d, replacement));
  }
  return ['string'];
}

function checkDataObject(p: ParamSpec, v: Expression, ctx: Context): TypeSet {
  if (v.type !== 'field') {
    const d = diagnostic('DQL2012', v, [p.name, 'a data object name such as bizevents']);
    const name = v.type === 'literal' && v.literal.kind === 'string' ? v.literal.value : undefined;
    ctx.diagnostics.push(withSuggestion(d, name && PLAIN_IDENTIFIER.test(name) ? name : undefined));
    return undefined;
  }
  if (!isKnownDataObject(v.name)) {
    // Tenants have more data objects than Bizlens can list, so this is a warning.
    const d = diagnostic('DQL2005', v, [v.name], 'warning');
    ctx.diagnostics.push(withSuggestion(d, nearestName(v.name, KNOWN_DATA_OBJECTS)));
  }
  return undefined;
}

function checkBounds(p: ParamSpec, v: Expression, ctx: Context): void {
  if (p.min === undefined && p.max === undefined) return;
  let n: number | undefined;
  if (v.type === 'literal' && v.literal.kind === 'long') n = Number(v.literal.value);
  if (v.type === 'literal' && v.literal.kind === 'double') n = v.literal.value;
  if (n === undefined) return;
  if (p.min !== undefined && n < Number(p.min)) invalid(ctx, v, p, `a value of at least ${p.min}`);
  else if (p.max !== undefined && n > Number(p.max)) invalid(ctx, v, p, `a value of at most ${p.max}`);
}
