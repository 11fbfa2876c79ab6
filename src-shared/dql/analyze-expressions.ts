/**
 * Typing of expressions (side table, the AST is not mutated) and the checks that need types: field
 * names against the scope, function names and arguments against the catalogue, operators against
 * the type rules of reference §1.5.
 */
import type { Alignment, Binary, Call, Expression, FieldRef, Index, Literal, Parameter, Unary } from './ast';
import { checkBinding, bindArguments } from './analyze-arguments';
import type { Owner } from './analyze-arguments';
import type { Context, Env } from './analysis-context';
import type { DqlType, FunctionSpec } from './catalog';
import { DQL_FUNCTIONS, findFunctions } from './catalog';
import { diagnostic, withHint, withSuggestion } from './diagnostics';
import { NOT_FOUND } from './field-map';
import { formatFieldName } from './format';
import { nearestName } from './suggest';
import { describeTypes, normalize, typeBinary, typeNegate } from './type-rules';
import type { TypeSet } from './type-rules';

/** Visits an expression, records its type and returns it. */
export function visitExpression(e: Expression, env: Env, ctx: Context): TypeSet {
  const type = typeOf(e, env, ctx);
  ctx.types.set(e, type);
  return type;
}

function typeOf(e: Expression, env: Env, ctx: Context): TypeSet {
  switch (e.type) {
    case 'literal':
      return literalType(e);
    case 'field':
      return fieldType(e, env, ctx);
    case 'variable':
      ctx.diagnostics.push(diagnostic('DQL2018', e, [`$${e.name}`]));
      return undefined;
    case 'unary':
      return unaryType(e, env, ctx);
    case 'binary':
      return binaryType(e, env, ctx);
    case 'call':
      return callType(e, env, ctx);
    case 'index':
      return indexType(e, env, ctx);
    case 'assign':
      return visitExpression(e.value, env, ctx);
    case 'sortDirection':
      ctx.diagnostics.push(
        diagnostic('DQL2026', { start: e.end - e.direction.length, end: e.end }, [e.direction]),
      );
      return visitExpression(e.expr, env, ctx);
    case 'group':
      for (const item of e.items) visitExpression(item.value, env, ctx);
      return undefined;
    case 'subquery':
      ctx.subquery(e.query);
      return undefined;
    case 'alignment':
      return alignmentType(e, env, ctx);
    case 'error':
      return undefined;
  }
}

function literalType(e: Literal): TypeSet {
  switch (e.literal.kind) {
    case 'null':
      return [];
    case 'boolean':
      return ['boolean'];
    default:
      return [e.literal.kind];
  }
}

function fieldType(e: FieldRef, env: Env, ctx: Context): TypeSet {
  if (env.constantFor) {
    ctx.diagnostics.push(
      diagnostic('DQL2012', e, [env.constantFor, "a constant value (it can't read fields)"]),
    );
    return undefined;
  }
  const { scope } = env;
  const known = scope.fields.lookup(e.name);
  if (known !== NOT_FOUND) return known;
  if (!env.fieldChecks || scope.mode === 'unknown') return undefined;
  let d = diagnostic('DQL2024', e, [e.name], 'warning');
  d = withHint(
    d,
    scope.mode === 'closed'
      ? `After \`${scope.origin}\`, only the fields it produces exist.`
      : `It may still exist: ${scope.origin} records are schemaless, and it hasn't been seen in recent results.`,
  );
  // A parenthesised field keeps its parentheses in the span: no replacement offered then.
  const bare = e.end - e.start === (e.quoted ? formatFieldName(e.name) : e.name).length;
  const near = bare ? nearestName(e.name, scope.fields.keys()) : undefined;
  ctx.diagnostics.push(withSuggestion(d, near === undefined ? undefined : formatFieldName(near)));
  return undefined;
}

function unaryType(e: Unary, env: Env, ctx: Context): TypeSet {
  const operand = visitExpression(e.operand, env, ctx);
  if (e.op === 'not') {
    if (operand && operand.length && !operand.includes('boolean')) {
      ctx.diagnostics.push(diagnostic('DQL2022', e.operand, ['not', 'boolean', describeTypes(operand)]));
    }
    return ['boolean'];
  }
  const t = typeNegate(operand);
  if (t !== 'error') return t;
  ctx.diagnostics.push(
    diagnostic('DQL2022', e.operand, ['-', 'a number or duration', describeTypes(operand ?? [])]),
  );
  return undefined;
}

function binaryType(e: Binary, env: Env, ctx: Context): TypeSet {
  const left = visitExpression(e.left, env, ctx);
  const right = visitExpression(e.right, env, ctx);
  const r = typeBinary(e.op, left, right);
  if (!r.ok) {
    const args = [e.op, describeTypes(left ?? []), describeTypes(right ?? [])];
    ctx.diagnostics.push(
      r.problem === 'error' ? diagnostic('DQL2023', e, args) : diagnostic('DQL2028', e, args, 'warning'),
    );
  }
  return r.type;
}

/** `arr[0]`, `rec[key]`, `tf[start]`: a bare name inside brackets is a key, not a field. */
function indexType(e: Index, env: Env, ctx: Context): TypeSet {
  const target = visitExpression(e.target, env, ctx);
  if (e.index && e.index.type !== 'field') visitExpression(e.index, env, ctx);
  if (target?.length === 1 && target[0] === 'timeframe' && e.index?.type === 'field') {
    if (e.index.name === 'start' || e.index.name === 'end') return ['timestamp'];
  }
  return undefined;
}

/** `now()@h`, `@d`, `-2h@w1`: the unit is a duration or unit name, never a field. */
function alignmentType(e: Alignment, env: Env, ctx: Context): TypeSet {
  const target = e.target ? visitExpression(e.target, env, ctx) : undefined;
  if (e.unit.type !== 'field' && e.unit.type !== 'literal') visitExpression(e.unit, env, ctx);
  // A relative offset stays one (`from: -2h@h`); anything else is a point in time.
  return target?.length === 1 && target[0] === 'duration' ? ['duration'] : ['timestamp'];
}

/** Which overload of a name applies: the one for this aggregation context whose arity fits. */
function chooseOverload(overloads: readonly FunctionSpec[], e: Call, env: Env): FunctionSpec | undefined {
  if (overloads.length <= 1) return overloads[0];
  const special = ['expression timeseries', 'timeseries'];
  const inContext = overloads.filter((f) =>
    env.aggregation ? f.category === env.aggregation : !special.includes(f.category),
  );
  const pool = inContext.length ? inContext : overloads;
  const positional = e.args.filter((a) => a.type === 'positional').length;
  return pool.find((f) => positional >= f.minPositional && positional <= f.maxPositional) ?? pool[0];
}

function callType(e: Call, env: Env, ctx: Context): TypeSet {
  // Arguments are constant if the call is (now() in from:), but their own aggregation context
  // does not carry into nested calls: `avg(toDouble(x))` calls the plain toDouble.
  const argEnv: Env = env.aggregation ? { ...env, aggregation: undefined } : env;
  const spec = chooseOverload(findFunctions(e.name), e, env);
  if (!spec) {
    const d = diagnostic('DQL2013', e.nameSpan, [e.name]);
    ctx.diagnostics.push(withSuggestion(d, nearestName(e.name, DQL_FUNCTIONS.values())));
    for (const a of e.args) visitExpression(a.value, argEnv, ctx);
    return undefined;
  }
  ctx.calls.set(e, spec);
  if (spec.deprecated) ctx.diagnostics.push(diagnostic('DQL2027', e.nameSpan, [spec.name], 'warning'));
  const owner: Owner = { kind: 'function', spec, nameSpan: e.nameSpan };
  const bindings = bindArguments(e.args, owner, argEnv, ctx);
  for (const b of bindings) checkBinding(b, owner, argEnv, ctx);
  if (bindings.length < e.args.length) {
    const bound = new Set(bindings.map((b) => b.param));
    for (const a of e.args) if (!bound.has(a)) visitExpression(a.value, argEnv, ctx);
  }
  return returnType(spec, e, ctx);
}

/** The catalogue's return types, narrowed where the arguments decide (`if`, `coalesce`). */
function returnType(spec: FunctionSpec, e: Call, ctx: Context): TypeSet {
  // Catalogue names are canonical: no need to lower-case them for every call.
  const name = spec.name;
  if (name === 'coalesce' || name === 'if') {
    // The union of the possible results' types, when all of them are known (a loop: this runs for
    // every `if` of a long query).
    const first = name === 'if' ? 1 : 0;
    if (e.args.length > first) {
      const union = new Set<DqlType>();
      let known = true;
      for (let i = first; i < e.args.length && known; i++) {
        const t = ctx.types.get((e.args[i] as Parameter).value);
        if (t === undefined) known = false;
        else for (const x of t) union.add(x);
      }
      if (known) return union.size ? [...union] : undefined;
    }
  }
  return normalize(spec.returns);
}
