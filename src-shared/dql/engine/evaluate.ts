/**
 * Expression compiler: AST → closure `(row, env) => Value`. Compile-time problems (unknown or
 * unsupported functions, wrong arguments) are positioned DQL2xxx diagnostics; at run time
 * operators and functions follow DQL's type rules (reference §1.5) and yield null where "not
 * applicable" — evaluation never throws. Operators live in operators.ts, functions in functions/.
 * Aggregation calls compile only where the caller passes an `aggregate` hook (summarize,
 * makeTimeseries).
 */
import type { Call, Expression, Subquery } from '../ast';
import { findFunctions } from '../catalog';
import type { FunctionSpec } from '../catalog';
import { diagnostic } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { formatExpression } from '../format';
import { DURATION_UNIT_NS } from '../tokens';
import { durationValue, isRecord, isTimeframe, recordValue, timestampValue } from '../../grail/values';
import type { Row, Value } from '../../grail/values';
import { alignTimestamp, calendarMonths, shiftMonths } from './align';
import { valueKey } from './group-key';
import { bindArguments } from './functions/bind';
import type { EvalEnv } from './functions/function-types';
import { SPECIAL_FORMS, findScalarFunction } from './functions/registry';
import { ITERATIVE_REDUCERS, iterate, iteratedElement } from './functions/iterative';
import { unavailableFunction } from './functions/unavailable';
import { and, arithmetic, compare, negate, not, or, xor } from './operators';
import { searchOperator } from './search';

export type { EvalEnv } from './functions/function-types';

export type Evaluator = (row: Row, env: EvalEnv) => Value;

type Report = (d: Diagnostic) => void;

export interface CompileOptions {
  /**
   * Compiles an aggregation call (the catalogue overloads of its name are given, the hook picks
   * aggregation or expression-timeseries); without it, aggregations are not allowed here.
   */
  readonly aggregate?: (
    call: Call,
    overloads: readonly FunctionSpec[],
    report: Report,
  ) => Evaluator | undefined;
  /**
   * Registers the block of `x in [sub-query]`, returning the token under which the running
   * stage puts the block's values (EvalEnv.subqueries); without it the form is unsupported here.
   */
  readonly subquery?: (block: Subquery) => object | undefined;
}

/**
 * A value as a member of an `in` set: equal under `==` means equal keys (a long and an integral
 * double of the same number too).
 */
export function memberKey(v: Value): string {
  if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER)
    return valueKey(BigInt(v));
  return valueKey(v);
}

/** Catalogue categories whose functions read data the sandbox does not hold (→ DQL2090). */
const UNAVAILABLE_CATEGORIES: Readonly<Record<string, string>> = {
  entities: 'monitored entities',
  smartscape: 'Smartscape',
  timeseries: 'metrics',
  davis: 'Davis AI',
};

const EMPTY_ROW: Row = new Map();

/** Compiles an expression; undefined when something was reported. */
export function compileExpression(
  e: Expression,
  report: Report,
  options: CompileOptions = {},
): Evaluator | undefined {
  let ok = true;
  const r: Report = (d) => {
    if (d.severity === 'error') ok = false;
    report(d);
  };
  const evaluator = new Compiler(r, options).compileScope(e);
  return ok ? evaluator : undefined;
}

/** Evaluates an expression that must not depend on a record (limit counts, fetch from:/to:). */
export function evaluateConstant(
  e: Expression,
  env: EvalEnv,
  report: Report,
): { ok: true; value: Value } | { ok: false } {
  if (referencesFields(e)) {
    report(diagnostic('DQL2015', e, ['a field reference']));
    return { ok: false };
  }
  const ev = compileExpression(e, report);
  return ev ? { ok: true, value: ev(EMPTY_ROW, env) } : { ok: false };
}

export function referencesFields(e: Expression): boolean {
  switch (e.type) {
    case 'field':
      return true;
    case 'unary':
      return referencesFields(e.operand);
    case 'binary':
      return referencesFields(e.left) || referencesFields(e.right);
    case 'call':
      return e.args.some((a) => referencesFields(a.value));
    case 'index':
      return (
        referencesFields(e.target) ||
        (e.index !== undefined && e.index.type !== 'field' && referencesFields(e.index))
      );
    case 'alignment':
      return e.target !== undefined && referencesFields(e.target);
    default:
      return false;
  }
}

/** The column a value expression produces when not named: `a` for a field, else its canonical text (`count()`). */
export function defaultFieldName(e: Expression): string {
  return e.type === 'field' ? e.name : formatExpression(e);
}

class Compiler {
  constructor(
    private readonly report: Report,
    private readonly options: CompileOptions,
  ) {}

  /** The `[]` arrays of each open iterative scope, innermost last (functions/iterative.ts). */
  private readonly scopes: Evaluator[][] = [];

  /** Compiles an expression as an iterative scope: evaluated per element when it holds `a[]`. */
  compileScope(e: Expression): Evaluator {
    const targets: Evaluator[] = [];
    this.scopes.push(targets);
    const body = this.compile(e);
    this.scopes.pop();
    return iterate(targets, body);
  }

  private unsupported(at: Expression, what: string): Evaluator {
    this.report(diagnostic('DQL2015', at, [what]));
    return () => null;
  }

  compile(e: Expression): Evaluator {
    switch (e.type) {
      case 'literal':
        return this.literal(e);
      case 'field': {
        const name = e.name;
        return (row) => row.get(name) ?? null;
      }
      case 'unary': {
        const months = calendarOffset(e);
        // `-1M` alone is an offset from now (`from: -1M`, `-2M@d`), as bare durations are.
        if (months !== undefined)
          return (_row, env) => shiftMonths(timestampValue(env.nowNs), months, env.timezone);
        const operand = this.compile(e.operand);
        return e.op === 'not'
          ? (row, env) => not(operand(row, env))
          : (row, env) => negate(operand(row, env));
      }
      case 'binary':
        return this.binary(e);
      case 'call':
        return this.call(e);
      case 'index':
        return this.index(e);
      case 'alignment':
        return this.alignment(e);
      case 'variable':
        this.report(diagnostic('DQL2018', e, ['$' + e.name]));
        return () => null;
      case 'assign':
        return this.unsupported(e, 'an assignment');
      case 'sortDirection':
        this.report(diagnostic('DQL1018', { start: e.expr.end, end: e.end }, [e.direction]));
        return () => null;
      case 'group': {
        // `{"a", "b"}` as a value is the list of its values, an array: in(a, {"java", "go"}) and
        // matchesValue(s, {"Grail", "dq*"}) (docs.dynatrace.com, general and string functions).
        if (e.items.some((i) => i.type !== 'positional')) return this.unsupported(e, 'a parameter group');
        const items = e.items.map((i) => this.compile(i.value));
        return (row, env) => items.map((item) => item(row, env));
      }
      case 'subquery':
        return this.unsupported(e, 'a sub-query');
      case 'error':
        return () => null;
    }
  }

  private literal(e: Extract<Expression, { type: 'literal' }>): Evaluator {
    const l = e.literal;
    switch (l.kind) {
      case 'null':
        return () => null;
      case 'duration': {
        const unitNs = DURATION_UNIT_NS[l.unit];
        if (unitNs === undefined)
          return this.unsupported(
            e,
            `a calendar duration (\`${l.unit}\`) other than added to or subtracted from a timestamp`,
          );
        const v = durationValue(l.amount * unitNs);
        return () => v;
      }
      default: {
        const v = l.value;
        return () => v;
      }
    }
  }

  private binary(e: Extract<Expression, { type: 'binary' }>): Evaluator {
    if (e.op === 'in' && e.right.type === 'subquery') {
      if (!this.options.subquery) {
        this.report(diagnostic('DQL2015', e.opSpan, ['`in` with a sub-query']));
        return () => null;
      }
      const token = this.options.subquery(e.right);
      const needle = this.compile(e.left);
      if (!token) return () => null; // the block reported its problem
      return (row, env) => {
        const v = needle(row, env);
        if (v === null) return null;
        const members = env.subqueries?.get(token);
        if (!members) throw new Error('An `in [sub-query]` was evaluated before its block ran.');
        return members.has(memberKey(v));
      };
    }
    const calendar = this.calendarArithmetic(e);
    if (calendar) return calendar;
    const left = this.compile(e.left);
    const right = this.compile(e.right);
    switch (e.op) {
      case 'and':
        return (row, env) => and(left(row, env), right(row, env));
      case 'or':
        return (row, env) => or(left(row, env), right(row, env));
      case 'xor':
        return (row, env) => xor(left(row, env), right(row, env));
      case '==':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const op = e.op;
        return (row, env) => compare(op, left(row, env), right(row, env));
      }
      case '+':
      case '-':
      case '*':
      case '/':
      case '%': {
        const op = e.op;
        return (row, env) => arithmetic(op, left(row, env), right(row, env));
      }
      case '~':
        return (row, env) => searchOperator(left(row, env), right(row, env));
      case 'in':
        this.report(diagnostic('DQL2015', e.opSpan, ['`in` without a sub-query; use in(value, …)']));
        return () => null;
    }
  }

  /** `r[key]` on records and timeframes (a bare name is the key), `a[i]` on arrays. */
  private index(e: Extract<Expression, { type: 'index' }>): Evaluator {
    if (!e.index) {
      const target = this.compile(e.target);
      this.scopes[this.scopes.length - 1]?.push(target);
      return iteratedElement(target);
    }
    const target = this.compile(e.target);
    if (e.index.type === 'field') {
      const key = e.index.name;
      return (row, env) => member(target(row, env), key);
    }
    const index = this.compile(e.index);
    return (row, env) => {
      const t = target(row, env);
      const i = index(row, env);
      if (Array.isArray(t) && typeof i === 'bigint') {
        // A negative index counts from the end: `a[-1]` is the last element (arrayLast's docs).
        const at = i < 0n ? BigInt(t.length) + i : i;
        return at >= 0n && at < BigInt(t.length) ? ((t as readonly Value[])[Number(at)] ?? null) : null;
      }
      return typeof i === 'string' ? member(t, i) : null;
    };
  }

  /** `ts ± 2M`, `1y + ts`: calendar months on the request timezone's calendar (align.ts). */
  private calendarArithmetic(e: Extract<Expression, { type: 'binary' }>): Evaluator | undefined {
    if (e.op !== '+' && e.op !== '-') return undefined;
    const right = calendarOffset(e.right);
    if (right !== undefined) {
      const months = e.op === '-' ? -right : right;
      const ts = this.compile(e.left);
      return (row, env) => shiftMonths(ts(row, env), months, env.timezone);
    }
    const left = e.op === '+' ? calendarOffset(e.left) : undefined;
    if (left === undefined) return undefined;
    const ts = this.compile(e.right);
    return (row, env) => shiftMonths(ts(row, env), left, env.timezone);
  }

  /** `ts @ unit` / `@unit` (≡ now() @ unit): rounds down to the unit (reference §1.4). */
  private alignment(e: Extract<Expression, { type: 'alignment' }>): Evaluator {
    const unit = alignmentUnit(e.unit);
    if (!unit) return this.unsupported(e.unit, 'this alignment unit');
    const target = e.target ? this.compile(e.target) : (_row: Row, env: EvalEnv) => timestampValue(env.nowNs);
    return (row, env) => alignTimestamp(target(row, env), unit.amount, unit.unit, env.timezone);
  }

  private call(e: Call): Evaluator {
    const overloads = findFunctions(e.name);
    if (overloads.length === 0) {
      this.report(diagnostic('DQL2013', e.nameSpan, [e.name]));
      return () => null;
    }
    const aggregation = overloads.find((f) => f.category === 'aggregation');
    if (aggregation && this.options.aggregate) {
      return this.options.aggregate(e, overloads, this.report) ?? (() => null);
    }
    const scalar = overloads.find(
      (f) =>
        !['aggregation', 'expression timeseries', ...Object.keys(UNAVAILABLE_CATEGORIES)].includes(
          f.category,
        ),
    );
    if (!scalar) {
      const unavailable = overloads.find((f) => UNAVAILABLE_CATEGORIES[f.category] !== undefined);
      if (unavailable && !aggregation)
        this.report(
          diagnostic('DQL2090', e.nameSpan, [
            `${unavailable.name}()`,
            UNAVAILABLE_CATEGORIES[unavailable.category] ?? '',
          ]),
        );
      else this.report(diagnostic('DQL2092', e.nameSpan, [(aggregation ?? overloads[0])?.name ?? e.name]));
      return () => null;
    }
    const slots = bindArguments(e, scalar, this.report);
    if (!slots) return () => null;
    const name = scalar.name;
    if (SPECIAL_FORMS.has(name)) return this.specialForm(e, name, slots);
    const impl = findScalarFunction(name);
    if (!impl) {
      const reads = unavailableFunction(name);
      this.report(
        reads
          ? diagnostic('DQL2090', e.nameSpan, [`${name}()`, reads])
          : diagnostic('DQL2014', e.nameSpan, [name]),
      );
      return () => null;
    }
    const scoped = ITERATIVE_REDUCERS.has(name.toLowerCase());
    const compiled = slots.map((s) =>
      s === undefined ? undefined : scoped ? this.compileScope(s) : this.compile(s),
    );
    const fn = impl.fn;
    return (row, env) =>
      fn(
        compiled.map((c) => (c === undefined ? undefined : c(row, env))),
        env,
      );
  }

  private specialForm(e: Call, name: string, slots: readonly (Expression | undefined)[]): Evaluator {
    if (name === 'exists') {
      const target = slots[0];
      if (target?.type !== 'field') return this.unsupported(target ?? e, 'exists() of anything but a field');
      const field = target.name;
      // ⚠ A field holding null counts as missing (Grail does not tell the two apart).
      return (row) => (row.get(field) ?? null) !== null;
    }
    // record(a = 1, b, f(x)): names from assignments, field names, or the expression text.
    const entries = slots
      .filter((s): s is Expression => s !== undefined)
      .map((s) =>
        s.type === 'assign'
          ? { name: s.target.name, value: this.compile(s.value) }
          : { name: defaultFieldName(s), value: this.compile(s) },
      );
    return (row, env) => recordValue(new Map(entries.map((x) => [x.name, x.value(row, env)])));
  }
}

function member(t: Value, key: string): Value {
  if (isRecord(t)) return t.fields.get(key) ?? null;
  if (isTimeframe(t))
    return key === 'start' ? timestampValue(t.startNs) : key === 'end' ? timestampValue(t.endNs) : null;
  return null;
}

/** The months of a calendar duration literal (`2M`, `1q`, `-1y`), else undefined. */
function calendarOffset(e: Expression): bigint | undefined {
  if (e.type === 'unary' && e.op === '-') {
    const inner = calendarOffset(e.operand);
    return inner === undefined ? undefined : -inner;
  }
  if (e.type !== 'literal' || e.literal.kind !== 'duration') return undefined;
  const months = calendarMonths(e.literal.unit);
  return months === undefined ? undefined : e.literal.amount * BigInt(months);
}

/** `h`, `15m`, `d`, `w`, `M`, `q`, `y` … as written after `@`. */
function alignmentUnit(e: Expression): { amount: bigint; unit: string } | undefined {
  if (e.type === 'field' && !e.quoted) return { amount: 1n, unit: e.name };
  if (e.type === 'literal' && e.literal.kind === 'duration')
    return { amount: e.literal.amount, unit: e.literal.unit };
  return undefined;
}
