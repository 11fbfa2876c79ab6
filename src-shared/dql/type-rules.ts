/**
 * Static typing of DQL expressions (reference §1.4–1.5): the result type of each operator for each
 * pair of operand types, and which argument types a parameter accepts. A type set lists what an
 * expression may be; `undefined` means "not known" and never produces a diagnostic; `[]` is the
 * null literal, which fits everywhere.
 */
import type { DqlType } from './catalog';
import { DQL_TYPES } from './catalog';
import type { BinaryOperator } from './ast';

export type TypeSet = readonly DqlType[] | undefined;

type Pair = readonly [DqlType, DqlType];
type Rule = (a: DqlType, b: DqlType) => DqlType | undefined;

const NUMERIC: ReadonlySet<DqlType> = new Set(['long', 'double']);
const isNum = (x: DqlType) => NUMERIC.has(x);
const numeric = (a: DqlType, b: DqlType): DqlType | undefined =>
  isNum(a) && isNum(b) ? (a === 'long' && b === 'long' ? 'long' : 'double') : undefined;
const table =
  (pairs: readonly (readonly [Pair, DqlType])[]): Rule =>
  (a, b) =>
    pairs.find(([[x, y]]) => x === a && y === b)?.[1];

const addTable = table([
  [['timestamp', 'duration'], 'timestamp'],
  [['duration', 'timestamp'], 'timestamp'],
  [['duration', 'duration'], 'duration'],
  [['duration', 'timeframe'], 'timeframe'],
  [['timeframe', 'duration'], 'timeframe'],
  [['ip', 'long'], 'ip'],
  [['ip', 'double'], 'ip'],
  [['ip', 'ip'], 'ip'],
]);
const subtractTable = table([
  [['timestamp', 'duration'], 'timestamp'],
  [['timestamp', 'timestamp'], 'duration'],
  [['duration', 'duration'], 'duration'],
  [['timeframe', 'duration'], 'timeframe'],
  [['ip', 'long'], 'ip'],
  [['ip', 'double'], 'ip'],
  [['ip', 'ip'], 'ip'],
]);
const multiplyTable = table([
  [['long', 'duration'], 'duration'],
  [['double', 'duration'], 'duration'],
  [['duration', 'long'], 'duration'],
  [['duration', 'double'], 'duration'],
]);
const divideTable = table([
  [['duration', 'long'], 'duration'],
  [['duration', 'double'], 'duration'],
  [['duration', 'duration'], 'double'],
]);
const moduloTable = table([[['duration', 'duration'], 'duration']]);

const ARITHMETIC: Readonly<Partial<Record<BinaryOperator, Rule>>> = {
  '+': (a, b) => numeric(a, b) ?? addTable(a, b),
  '-': (a, b) => numeric(a, b) ?? subtractTable(a, b),
  '*': (a, b) => numeric(a, b) ?? multiplyTable(a, b),
  '/': (a, b) => numeric(a, b) ?? divideTable(a, b),
  '%': (a, b) => numeric(a, b) ?? moduloTable(a, b),
};

/** Types `< <= > >=` can order: numbers across long/double, the others only with themselves. */
const ORDERED: ReadonlySet<DqlType> = new Set(['long', 'double', 'string', 'timestamp', 'duration', 'ip']);
const comparable = (a: DqlType, b: DqlType) => (isNum(a) && isNum(b)) || (a === b && ORDERED.has(a));

export type BinaryTyping =
  | { readonly ok: true; readonly type: TypeSet }
  /** `error`: the operator is not applicable; `alwaysNull`: a comparison that can only give null. */
  | { readonly ok: false; readonly problem: 'error' | 'alwaysNull'; readonly type: TypeSet };

const BOOL: TypeSet = ['boolean'];
const ORDER_RULE: Rule = (a, b) => (comparable(a, b) ? 'boolean' : undefined);
const LOGIC_RULE: Rule = (a, b) => (a === 'boolean' && b === 'boolean' ? 'boolean' : undefined);

/** The result of `left op right`, or why it cannot work. Unknown or null operands never fail. */
export function typeBinary(op: BinaryOperator, left: TypeSet, right: TypeSet): BinaryTyping {
  const rule = ARITHMETIC[op];
  if (rule) return typePairs(left, right, rule, undefined, 'error');
  switch (op) {
    case '<':
    case '<=':
    case '>':
    case '>=':
      return typePairs(left, right, ORDER_RULE, BOOL, 'alwaysNull');
    case 'and':
    case 'or':
    case 'xor':
      return typePairs(left, right, LOGIC_RULE, BOOL, 'error');
    default:
      // == != ~ in: defined for every pair (incomparable types simply compare unequal).
      return { ok: true, type: BOOL };
  }
}

function typePairs(
  left: TypeSet,
  right: TypeSet,
  rule: Rule,
  unknownResult: TypeSet,
  problem: 'error' | 'alwaysNull',
): BinaryTyping {
  if (!left || !right) return { ok: true, type: unknownResult };
  if (left.length === 0 || right.length === 0) return { ok: true, type: unknownResult ?? [] };
  if (left.length === 1 && right.length === 1)
    return single(rule, left[0] as DqlType, right[0] as DqlType, unknownResult, problem);
  const out = new Set<DqlType>();
  for (const a of left)
    for (const b of right) {
      const r = rule(a, b);
      if (r) out.add(r);
    }
  if (out.size === 0) return { ok: false, problem, type: unknownResult };
  return { ok: true, type: [...out] };
}

/**
 * The typing of one pair of single types, computed once per rule and pair: most operands have one
 * known type, and the results are immutable, so a long query needs no new objects for them.
 */
const singles = new Map<Rule, Map<DqlType, Map<DqlType, BinaryTyping>>>();
function single(
  rule: Rule,
  a: DqlType,
  b: DqlType,
  unknownResult: TypeSet,
  problem: 'error' | 'alwaysNull',
): BinaryTyping {
  // The rule decides the rest: for a given rule, unknownResult and problem are always the same.
  let byLeft = singles.get(rule);
  if (!byLeft) singles.set(rule, (byLeft = new Map()));
  let byRight = byLeft.get(a);
  if (!byRight) byLeft.set(a, (byRight = new Map()));
  let typing = byRight.get(b);
  if (!typing) {
    const r = rule(a, b);
    typing = r ? { ok: true, type: [r] } : { ok: false, problem, type: unknownResult };
    byRight.set(b, typing);
  }
  return typing;
}

/** Unary minus: numbers and durations. */
export function typeNegate(operand: TypeSet): TypeSet | 'error' {
  if (!operand || operand.length === 0) return operand;
  const out = operand.filter((x) => isNum(x) || x === 'duration');
  return out.length ? out : 'error';
}

/** Whether a value of type `actual` may be passed where `expected` types are accepted. */
export function accepts(expected: readonly DqlType[] | undefined, actual: TypeSet): boolean {
  if (!expected || !actual || actual.length === 0) return true;
  return actual.some((a) => expected.includes(a) || (a === 'long' && expected.includes('double')));
}

/** A catalogue list of every type means "any": treat as unknown. */
export function normalize(types: readonly DqlType[]): TypeSet {
  return types.length >= DQL_TYPES.length ? undefined : types;
}

export function describeTypes(types: readonly DqlType[]): string {
  if (types.length === 0) return 'null';
  if (types.length === 1) return types[0] ?? '';
  return `${types.slice(0, -1).join(', ')} or ${types[types.length - 1]}`;
}
