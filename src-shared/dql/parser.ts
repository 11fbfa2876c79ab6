/**
 * DQL parser: tokens → AST with spans + coded diagnostics. Recursive descent with one small
 * function per precedence level (reference §1.5, weakest first):
 *   or › xor › and › not › in › comparison › ~ › + - › @ › * / % › unary - › postfix [ ] › primary
 * Never throws: a syntax error inside a command is reported once (panic mode, as jlox), the rest of
 * that command is skipped up to the next `|` (recovery point) and parsing goes on; nesting is capped
 * (MAX_DEPTH). Where the text simply stops — the usual state while typing — the parser reports what
 * is missing and keeps the partial tree (an ErrorNode or an unclosed call), so the editor can still
 * complete and explain what is there.
 */
import type { BinaryOperator, Command, Expression, FieldRef, Group, Literal, Parameter, Query } from './ast';
import { diagnostic } from './diagnostics';
import type { Diagnostic, DiagnosticCode } from './diagnostics';
import { lex } from './lexer';
import type { Span } from './source-span';
import { DURATION_UNITS, isKeyword, isPunct } from './tokens';
import type { DurationUnit, Token } from './tokens';

export interface ParseResult {
  ast: Query;
  diagnostics: Diagnostic[];
  /** Every token including comments (the editor reuses them instead of lexing again). */
  tokens: Token[];
}

export const MAX_DEPTH = 100;
/**
 * Longest path from the root of an expression tree. Left-leaning chains (`a or b or …`,
 * `x[1][2]…`) are parsed in loops but consumers (analyzer, formatter, evaluator) walk trees
 * recursively, so their depth is capped too.
 */
export const MAX_TREE_DEPTH = 1000;

const LONG_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** Internal bail-out to the command's recovery point; never escapes parse(). */
class Abort {}

export function parse(text: string): ParseResult {
  const { tokens: all, diagnostics } = lex(text);
  const tokens = all.filter((t) => t.kind !== 'lineComment' && t.kind !== 'blockComment');
  try {
    return { ast: new Parser(text, tokens, diagnostics).query(), diagnostics, tokens: all };
  } catch {
    // Defence in depth: the parser is total by construction, but a bug must not crash the caller.
    diagnostics.push(diagnostic('DQL1099', { start: 0, end: text.length }));
    return { ast: { type: 'query', start: 0, end: text.length, commands: [] }, diagnostics, tokens: all };
  }
}

const PREC_OR = 1;
const PREC_NOT = 4;
/** Binding power of each binary operator, weakest first (reference §1.5); `@` is alignment. */
const PRECEDENCE: Readonly<Record<BinaryOperator | '@', number>> = {
  or: PREC_OR,
  xor: 2,
  and: 3,
  in: 5,
  '==': 6,
  '!=': 6,
  '<': 6,
  '<=': 6,
  '>': 6,
  '>=': 6,
  '~': 7,
  '+': 8,
  '-': 8,
  '@': 9,
  '*': 10,
  '/': 10,
  '%': 10,
};

const KEYWORD_OPERATORS: ReadonlySet<string> = new Set(['or', 'xor', 'and', 'in']);
const PUNCTUATION_OPERATORS: ReadonlyMap<string, BinaryOperator | '@'> = new Map<
  string,
  BinaryOperator | '@'
>([
  ['==', '=='],
  ['!=', '!='],
  ['<>', '!='],
  ['<', '<'],
  ['<=', '<='],
  ['>', '>'],
  ['>=', '>='],
  ['~', '~'],
  ['+', '+'],
  ['-', '-'],
  ['@', '@'],
  ['*', '*'],
  ['/', '/'],
  ['%', '%'],
]);

function binaryOperator(t: Token): BinaryOperator | '@' | undefined {
  if (t.kind === 'punctuation') return PUNCTUATION_OPERATORS.get(t.value);
  if (t.kind === 'keyword' && KEYWORD_OPERATORS.has(t.value)) return t.value as BinaryOperator;
  return undefined;
}

class Parser {
  private pos = 0;
  private depth = 0;
  /** Set by the first syntax error of a command; later ones are consequences and stay quiet. */
  private panic = false;
  private treeDepth = 0;
  /** How many `[` execution blocks we are inside; `]` ends a pipeline only when > 0. */
  private blockDepth = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly diagnostics: Diagnostic[],
  ) {}

  // ── token helpers ────────────────────────────────────────────────────────────────────────
  /** `pos` never passes the final `eof` token (see advance). */
  private get tok(): Token {
    return this.tokens[this.pos] as Token;
  }
  private peek(n = 1): Token {
    return this.tokens[Math.min(this.pos + n, this.tokens.length - 1)] as Token;
  }
  private advance(): Token {
    const t = this.tok;
    if (t.kind !== 'eof') this.pos++;
    return t;
  }
  private prevEnd(): number {
    return this.pos > 0 ? (this.tokens[this.pos - 1] as Token).end : 0;
  }
  private report(code: DiagnosticCode, at: Span, args: string[] = []): void {
    if (this.panic) return;
    this.panic = true;
    // The lexer already explained a bad character or an unclosed string here.
    if (this.diagnostics.some((d) => d.start === at.start && d.code < 'DQL1010')) return;
    this.diagnostics.push(diagnostic(code, at, args));
  }
  /** The text stops here (end of command): report what is missing but keep the partial tree. */
  private atCutOff(): boolean {
    return this.atCommandEnd();
  }
  private missingAt(): Span {
    return { start: this.prevEnd(), end: this.prevEnd() };
  }
  private fail(code: DiagnosticCode, at: Span, args: string[] = []): never {
    this.report(code, at, args);
    throw new Abort();
  }
  /** After a complete parameter: the token cannot continue the command. */
  private unexpected(): never {
    const t = this.tok;
    if (t.kind === 'eof') this.fail('DQL1012', t);
    this.fail('DQL1011', t, [t.text]);
  }
  /** Where an expression must start but this token cannot start one. */
  private expressionExpected(): Expression {
    if (this.atCutOff()) {
      const at = this.tok.kind === 'eof' ? this.missingAt() : this.tok;
      this.report('DQL1012', at);
      return { type: 'error', start: at.start, end: at.start };
    }
    return this.fail('DQL1012', this.tok);
  }
  private atPipelineEnd(): boolean {
    return this.tok.kind === 'eof' || (this.blockDepth > 0 && isPunct(this.tok, ']'));
  }
  private atCommandEnd(): boolean {
    return this.atPipelineEnd() || isPunct(this.tok, '|');
  }
  private nested<T>(at: Span, f: () => T): T {
    if (this.depth >= MAX_DEPTH) this.fail('DQL1014', at, [String(MAX_DEPTH)]);
    const saved = this.treeDepth;
    this.depth++;
    try {
      this.grow(at);
      return f();
    } finally {
      this.depth--;
      this.treeDepth = saved;
    }
  }
  /** One more level of tree below the current node (see MAX_TREE_DEPTH). */
  private grow(at: Span): void {
    if (++this.treeDepth > MAX_TREE_DEPTH) this.fail('DQL1020', at, [String(MAX_TREE_DEPTH)]);
  }
  /** Runs a loop that builds a left-leaning chain; its growth ends with it. */
  private chain<T>(f: () => T): T {
    const saved = this.treeDepth;
    try {
      return f();
    } finally {
      this.treeDepth = saved;
    }
  }

  /** Recovery: skip to the next `|` of the current pipeline (or its end). */
  private recover(): void {
    let brackets = 0;
    while (this.tok.kind !== 'eof') {
      if (brackets === 0 && (isPunct(this.tok, '|') || (this.blockDepth > 0 && isPunct(this.tok, ']'))))
        return;
      if (isPunct(this.tok, '[')) brackets++;
      if (isPunct(this.tok, ']')) brackets = Math.max(0, brackets - 1);
      this.advance();
    }
  }

  // ── pipeline and commands ────────────────────────────────────────────────────────────────
  query(): Query {
    // At the top level (blockDepth 0) a pipeline only ends at eof: stray `]`s are recovered from.
    const q = this.pipeline();
    if (q.commands.length === 0 && !this.diagnostics.some((d) => d.severity === 'error')) {
      this.report('DQL1001', { start: 0, end: this.text.length });
    }
    return { ...q, start: 0, end: this.text.length };
  }

  private pipeline(): Query {
    const start = this.tok.start;
    const commands: Command[] = [];
    if (isPunct(this.tok, '|')) {
      this.report('DQL1016', this.tok);
      this.advance();
    }
    while (!this.atPipelineEnd()) {
      const cmd = this.command();
      if (cmd) commands.push(cmd);
      if (isPunct(this.tok, '|')) {
        const pipe = this.advance();
        this.panic = false;
        if (this.atPipelineEnd()) this.report('DQL1010', { start: pipe.start, end: pipe.end });
      } else if (!this.atPipelineEnd()) {
        this.report('DQL1011', this.tok, [this.tok.text]);
        this.recover();
      }
    }
    return { type: 'query', start, end: this.prevEnd(), commands };
  }

  private command(): Command | undefined {
    this.panic = false;
    const nameTok = this.tok;
    if (nameTok.kind !== 'identifier' || nameTok.value.includes('.')) {
      this.report('DQL1010', nameTok);
      this.recover();
      return undefined;
    }
    this.advance();
    const params: Parameter[] = [];
    try {
      if (!this.atCommandEnd()) {
        for (;;) {
          params.push(this.parameter());
          if (isPunct(this.tok, ',')) {
            this.advance();
            continue;
          }
          if (this.atCommandEnd()) break;
          this.unexpected();
        }
      }
    } catch (e) {
      if (!(e instanceof Abort)) throw e;
      this.recover();
    }
    return {
      type: 'command',
      name: nameTok.text,
      nameSpan: nameTok,
      params,
      start: nameTok.start,
      end: this.prevEnd(),
    };
  }

  /** `name: value`, or a positional value (which may be `a = b` and may carry asc/desc). */
  private parameter(): Parameter {
    const t = this.tok;
    if (t.kind === 'identifier' && !t.value.includes('.') && isPunct(this.peek(), ':')) {
      this.advance();
      this.advance();
      const value = this.parameterValue();
      return { type: 'named', name: t.text, nameSpan: t, value, start: t.start, end: value.end };
    }
    const value = this.parameterValue();
    return { type: 'positional', value, start: value.start, end: value.end };
  }

  private parameterValue(): Expression {
    let e = this.expression();
    if (isPunct(this.tok, '=')) {
      if (e.type !== 'field') this.fail('DQL1011', this.tok, ['=']);
      this.advance();
      const value = this.expression();
      e = { type: 'assign', target: e, value, start: e.start, end: value.end };
    }
    if (isKeyword(this.tok, 'asc') || isKeyword(this.tok, 'desc')) {
      const d = this.advance();
      e = {
        type: 'sortDirection',
        expr: e,
        direction: d.value as 'asc' | 'desc',
        start: e.start,
        end: d.end,
      };
    }
    return e;
  }

  // ── expressions, weakest first ───────────────────────────────────────────────────────────
  expression(): Expression {
    return this.nested(this.tok, this.weakest);
  }

  private weakest = (): Expression => this.binary(PREC_OR);
  private notOperand = (): Expression => this.binary(PREC_NOT);

  /**
   * Precedence climbing over the binary levels (one loop instead of a function per level, which
   * kept the parser busy calling down ten levels for every operand). `not` is a prefix operator
   * between `and` and `in`; `@` (alignment) is a left-associative level of its own.
   */
  private binary(minPrec: number): Expression {
    const saved = this.treeDepth;
    try {
      let left: Expression;
      const first = this.tok;
      if (minPrec <= PREC_NOT && first.kind === 'keyword' && first.value === 'not') {
        this.advance();
        const operand = this.nested(first, this.notOperand);
        left = { type: 'unary', op: 'not', operand, start: first.start, end: operand.end };
      } else left = this.unary();
      for (;;) {
        const opTok = this.tok;
        const op = binaryOperator(opTok);
        if (op === undefined) return left;
        const prec = PRECEDENCE[op];
        if (prec < minPrec) return left;
        this.advance();
        this.grow(opTok);
        const right = this.binary(prec + 1);
        left =
          op === '@'
            ? { type: 'alignment', target: left, unit: right, start: left.start, end: right.end }
            : { type: 'binary', op, left, right, opSpan: opTok, start: left.start, end: right.end };
      }
    } finally {
      this.treeDepth = saved;
    }
  }

  private unary = (): Expression => {
    if (!isPunct(this.tok, '-')) return this.postfix();
    const op = this.advance();
    // Fold `-<long>` so that -9223372036854775808 is representable.
    if (this.tok.kind === 'long' && !this.tok.text.startsWith('0x') && !this.tok.text.startsWith('0X')) {
      const t = this.advance();
      const v = -BigInt(t.text);
      if (v < -LONG_MAX - 1n) this.report('DQL1015', { start: op.start, end: t.end }, ['-' + t.text]);
      return {
        type: 'literal',
        literal: { kind: 'long', value: v },
        raw: this.text.slice(op.start, t.end),
        start: op.start,
        end: t.end,
      };
    }
    const operand = this.nested(op, this.unary);
    return { type: 'unary', op: '-', operand, start: op.start, end: operand.end };
  };

  private postfix = (): Expression => {
    const first = this.primary();
    if (!isPunct(this.tok, '[')) return first;
    return this.chain(() => {
      let e = first;
      while (isPunct(this.tok, '[')) {
        this.grow(this.advance());
        let index: Expression | undefined;
        if (!isPunct(this.tok, ']')) index = this.expression();
        const close = this.expect(']');
        e = { type: 'index', target: e, index, start: e.start, end: close.end };
      }
      return e;
    });
  };

  /** The closing bracket; when the command ends first, a zero-width stand-in (reported missing). */
  private expect(p: ']' | ')' | '}'): Span {
    if (isPunct(this.tok, p)) return this.advance();
    if (this.atCutOff()) {
      this.report('DQL1013', this.missingAt(), [p]);
      return this.missingAt();
    }
    return this.fail('DQL1013', this.tok, [p]);
  }

  private primary(): Expression {
    const t = this.tok;
    switch (t.kind) {
      case 'long':
        return this.longLiteral(this.advance());
      case 'double':
        this.advance();
        return this.literal(t, { kind: 'double', value: Number(t.text) });
      case 'duration':
        return this.durationLiteral(this.advance());
      case 'string':
        this.advance();
        return this.literal(t, { kind: 'string', value: t.value });
      case 'singleQuotedString':
        this.advance();
        this.report('DQL1006', t);
        return this.literal(t, { kind: 'string', value: t.value });
      case 'quotedIdentifier':
        this.advance();
        return { type: 'field', name: t.value, quoted: true, start: t.start, end: t.end };
      case 'variable':
        this.advance();
        return { type: 'variable', name: t.value, start: t.start, end: t.end };
      case 'identifier':
        this.advance();
        if (isPunct(this.tok, '(') && !t.value.includes('.')) return this.call(t);
        return { type: 'field', name: t.text, quoted: false, start: t.start, end: t.end } satisfies FieldRef;
      case 'keyword':
        // `in` is an operator and also a function: in(needle, a, b).
        if (t.value === 'in' && isPunct(this.peek(), '(')) return this.call(this.advance());
        if (t.value === 'true' || t.value === 'false') {
          this.advance();
          return this.literal(t, { kind: 'boolean', value: t.value === 'true' });
        }
        if (t.value === 'null') {
          this.advance();
          return this.literal(t, { kind: 'null' });
        }
        // `in(needle, a, b)`: the function form of the `in` keyword (reference §1.5).
        if (t.value === 'in' && isPunct(this.peek(), '(')) return this.call(this.advance());
        if (t.value === 'asc' || t.value === 'desc') this.fail('DQL1018', t, [t.text]);
        return this.expressionExpected();
      case 'punctuation':
        return this.punctuationPrimary(t);
      default:
        return this.expressionExpected();
    }
  }

  private punctuationPrimary(t: Token): Expression {
    switch (t.value) {
      case '(': {
        this.advance();
        const inner = this.expression();
        const close = this.expect(')');
        return { ...inner, start: t.start, end: close.end };
      }
      case '{':
        return this.group();
      case '[':
        return this.subquery();
      case '@': {
        this.advance();
        const unit = this.nested(t, this.postfix);
        return { type: 'alignment', target: undefined, unit, start: t.start, end: unit.end };
      }
      default:
        return this.expressionExpected();
    }
  }

  private call(nameTok: Token): Expression {
    const open = this.advance();
    const args: Parameter[] = [];
    this.nested(open, () => {
      if (isPunct(this.tok, ')')) return;
      for (;;) {
        args.push(this.parameter());
        if (!isPunct(this.tok, ',')) return;
        this.advance();
      }
    });
    const close = this.expect(')');
    return {
      type: 'call',
      name: nameTok.text,
      nameSpan: nameTok,
      args,
      start: nameTok.start,
      end: close.end,
    };
  }

  private group(): Group {
    const open = this.advance();
    const items: Parameter[] = [];
    this.nested(open, () => {
      if (isPunct(this.tok, '}')) return;
      for (;;) {
        items.push(this.parameter());
        if (!isPunct(this.tok, ',')) return;
        this.advance();
      }
    });
    const close = this.expect('}');
    return { type: 'group', items, start: open.start, end: close.end };
  }

  private subquery(): Expression {
    const open = this.advance();
    const first = this.tok;
    if (['string', 'long', 'double', 'singleQuotedString'].includes(first.kind)) {
      // `in ["a", "b"]`: a list, which DQL writes as a function call.
      this.fail('DQL1019', first);
    }
    const query = this.nested(open, () => {
      this.blockDepth++;
      try {
        return this.pipeline();
      } finally {
        this.blockDepth--;
      }
    });
    if (query.commands.length === 0) this.report('DQL1010', this.tok);
    const close = this.expect(']');
    return { type: 'subquery', query, start: open.start, end: close.end };
  }

  private literal(t: Token, literal: Literal['literal']): Literal {
    return { type: 'literal', literal, raw: t.text, start: t.start, end: t.end };
  }

  private longLiteral(t: Token): Expression {
    const hex = /^0[xX]/.test(t.text);
    let v = BigInt(t.text);
    if (hex && v <= UINT64_MAX && v > LONG_MAX) v -= 2n ** 64n; // 0xFFFF… wraps like a Java long
    if (v > LONG_MAX || (hex && v > UINT64_MAX)) this.report('DQL1015', t, [t.text]);
    return this.literal(t, { kind: 'long', value: v });
  }

  private durationLiteral(t: Token): Expression {
    const m = /^(\d+)([A-Za-z_][A-Za-z0-9_]*)$/.exec(t.text);
    const unit = m?.[2] ?? '';
    if (!m || !(DURATION_UNITS as readonly string[]).includes(unit)) {
      this.report('DQL1017', { start: t.start + (m?.[1]?.length ?? 0), end: t.end }, [unit]);
      return { type: 'error', start: t.start, end: t.end };
    }
    return this.literal(t, { kind: 'duration', amount: BigInt(m[1] ?? '0'), unit: unit as DurationUnit });
  }
}
