/**
 * Expression compiler: AST → closure `(row) => Value`. Compile-time problems (unsupported
 * constructs, unknown functions) are reported as positioned DQL2xxx diagnostics; at run time
 * operators follow DQL's type rules (reference §1.5) and yield null where "not applicable".
 * This slice covers literals, fields, arithmetic, comparison, tri-state logic and `now()`;
 * add functions in FUNCTIONS and operators in binary().
 */
import type { Binary, Expression } from '../ast';
import { canonicalFunctionName } from '../catalog';
import { diagnostic } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { DURATION_UNIT_NS } from '../tokens';
import { durationValue, isDuration, isTimestamp, timestampValue } from '../../grail/values';
import type { Row, Value } from '../../grail/values';
import { compareForOperator, equalsForOperator } from './compare';

export interface EvalEnv {
  readonly nowNs: bigint;
}

export type Evaluator = (row: Row, env: EvalEnv) => Value;

type Report = (d: Diagnostic) => void;

const EMPTY_ROW: Row = new Map();

/** Compiles an expression; undefined when something was reported. */
export function compileExpression(e: Expression, report: Report): Evaluator | undefined {
  let ok = true;
  const r: Report = (d) => {
    ok = false;
    report(d);
  };
  const evaluator = compile(e, r);
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

function referencesFields(e: Expression): boolean {
  switch (e.type) {
    case 'field':
      return true;
    case 'unary':
      return referencesFields(e.operand);
    case 'binary':
      return referencesFields(e.left) || referencesFields(e.right);
    case 'call':
      return e.args.some((a) => referencesFields(a.value));
    default:
      return false;
  }
}

const FUNCTIONS: Readonly<Record<string, { arity: number; fn: (args: Value[], env: EvalEnv) => Value }>> = {
  now: { arity: 0, fn: (_args, env) => timestampValue(env.nowNs) },
};

function compile(e: Expression, report: Report): Evaluator {
  const unsupported = (what: string): Evaluator => {
    report(diagnostic('DQL2015', e, [what]));
    return () => null;
  };
  switch (e.type) {
    case 'literal': {
      const l = e.literal;
      switch (l.kind) {
        case 'null':
          return () => null;
        case 'duration': {
          const unitNs = DURATION_UNIT_NS[l.unit];
          if (unitNs === undefined) return unsupported(`calendar durations (\`${l.unit}\`)`);
          const v = durationValue(l.amount * unitNs);
          return () => v;
        }
        default: {
          const v = l.value;
          return () => v;
        }
      }
    }
    case 'field': {
      const name = e.name;
      return (row) => row.get(name) ?? null;
    }
    case 'unary': {
      const operand = compile(e.operand, report);
      return e.op === 'not' ? (row, env) => not(operand(row, env)) : (row, env) => negate(operand(row, env));
    }
    case 'binary':
      return binary(e, report);
    case 'call': {
      const canonical = canonicalFunctionName(e.name);
      const impl = canonical ? FUNCTIONS[canonical] : undefined;
      if (!canonical) {
        report(diagnostic('DQL2013', e.nameSpan, [e.name]));
        return () => null;
      }
      if (!impl) {
        report(diagnostic('DQL2014', e.nameSpan, [canonical]));
        return () => null;
      }
      if (e.args.length !== impl.arity || e.args.some((a) => a.type === 'named')) {
        report(diagnostic('DQL2016', e, [canonical, String(impl.arity)]));
        return () => null;
      }
      const args = e.args.map((a) => compile(a.value, report));
      return (row, env) =>
        impl.fn(
          args.map((a) => a(row, env)),
          env,
        );
    }
    case 'variable':
      report(diagnostic('DQL2018', e, ['$' + e.name]));
      return () => null;
    case 'index':
      return unsupported('record and array access');
    case 'assign':
      return unsupported('an assignment');
    case 'sortDirection':
      report(diagnostic('DQL1018', { start: e.expr.end, end: e.end }, [e.direction]));
      return () => null;
    case 'group':
      return unsupported('a parameter group');
    case 'subquery':
      return unsupported('a sub-query');
    case 'alignment':
      return unsupported('time alignment (`@`)');
    case 'error':
      return () => null;
  }
}

function not(v: Value): Value {
  return typeof v === 'boolean' ? !v : null;
}

const wrapLong = (v: bigint): bigint => BigInt.asIntN(64, v); // Java long arithmetic wraps

function negate(v: Value): Value {
  if (typeof v === 'bigint') return wrapLong(-v);
  if (typeof v === 'number') return -v;
  if (isDuration(v)) return durationValue(-v.ns);
  return null;
}

function binary(e: Binary, report: Report): Evaluator {
  const left = compile(e.left, report);
  const right = compile(e.right, report);
  switch (e.op) {
    case 'and':
      return (row, env) => and(left(row, env), right(row, env));
    case 'or':
      return (row, env) => or(left(row, env), right(row, env));
    case 'xor':
      return (row, env) => {
        const a = left(row, env);
        const b = right(row, env);
        return typeof a === 'boolean' && typeof b === 'boolean' ? a !== b : null;
      };
    case '==':
      return (row, env) => equalsForOperator(left(row, env), right(row, env));
    case '!=':
      return (row, env) => {
        const eq = equalsForOperator(left(row, env), right(row, env));
        return eq === null ? null : !eq;
      };
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const op = e.op;
      return (row, env) => {
        const c = compareForOperator(left(row, env), right(row, env));
        if (c === null) return null;
        return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
      };
    }
    case '+':
    case '-':
    case '*':
    case '/':
    case '%': {
      const op = e.op;
      return (row, env) => arithmetic(op, left(row, env), right(row, env));
    }
    case 'in':
    case '~':
      report(diagnostic('DQL2015', e.opSpan, [`the \`${e.op}\` operator`]));
      return () => null;
  }
}

function and(a: Value, b: Value): Value {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return null;
}

function or(a: Value, b: Value): Value {
  if (a === true || b === true) return true;
  if (a === false && b === false) return false;
  return null;
}

function arithmetic(op: '+' | '-' | '*' | '/' | '%', a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  if (typeof a === 'bigint' && typeof b === 'bigint') {
    switch (op) {
      case '+':
        return wrapLong(a + b);
      case '-':
        return wrapLong(a - b);
      case '*':
        return wrapLong(a * b);
      case '/':
        return b === 0n ? null : wrapLong(a / b); // integer division, fraction discarded
      case '%':
        return b === 0n ? null : a % b;
    }
  }
  const num = (v: Value): number | undefined =>
    typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
  const x = num(a);
  const y = num(b);
  if (x !== undefined && y !== undefined) {
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        return x / y;
      case '%':
        return x % y;
    }
  }
  return temporal(op, a, b, x, y);
}

/** timestamp/duration arithmetic (reference §1.5 type table). */
function temporal(op: string, a: Value, b: Value, x: number | undefined, y: number | undefined): Value {
  if (isTimestamp(a) && isDuration(b) && (op === '+' || op === '-'))
    return timestampValue(op === '+' ? a.ns + b.ns : a.ns - b.ns);
  if (isDuration(a) && isTimestamp(b) && op === '+') return timestampValue(a.ns + b.ns);
  if (isTimestamp(a) && isTimestamp(b) && op === '-') return durationValue(a.ns - b.ns);
  if (isDuration(a) && isDuration(b)) {
    if (op === '+') return durationValue(a.ns + b.ns);
    if (op === '-') return durationValue(a.ns - b.ns);
    if (op === '/') return b.ns === 0n ? null : Number(a.ns) / Number(b.ns);
    if (op === '%') return b.ns === 0n ? null : durationValue(a.ns % b.ns);
  }
  const scale = (d: bigint, f: Value, n: number): Value =>
    typeof f === 'bigint'
      ? durationValue(d * f)
      : Number.isFinite(n)
        ? durationValue(BigInt(Math.round(Number(d) * n)))
        : null;
  if (isDuration(a) && y !== undefined && op === '*') return scale(a.ns, b, y);
  if (isDuration(b) && x !== undefined && op === '*') return scale(b.ns, a, x);
  if (isDuration(a) && y !== undefined && op === '/') {
    if (typeof b === 'bigint') return b === 0n ? null : durationValue(a.ns / b);
    return y === 0 || !Number.isFinite(Number(a.ns) / y)
      ? null
      : durationValue(BigInt(Math.round(Number(a.ns) / y)));
  }
  return null;
}
