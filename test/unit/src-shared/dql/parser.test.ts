import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Expression } from '../../../../src-shared/dql/ast';
import { formatCanonical, formatExpression } from '../../../../src-shared/dql/format';
import { MAX_DEPTH, parse } from '../../../../src-shared/dql/parser';
import { toTokenPosition } from '../../../../src-shared/dql/source-span';

const codes = (q: string) => parse(q).diagnostics.map((d) => `${d.code}@${d.start}-${d.end}`);

function firstExpr(q: string): Expression {
  const p = parse(q);
  expect(p.diagnostics).toEqual([]);
  const param = p.ast.commands[0]?.params[0];
  if (!param) throw new Error('no parameter');
  return param.value;
}

describe('parse — structure', () => {
  it('parses a pipeline of commands with positional and named parameters', () => {
    const { ast, diagnostics } = parse(
      'fetch bizevents, from: now() - 2h, to: now() | sort timestamp desc, total asc | limit 10',
    );
    expect(diagnostics).toEqual([]);
    expect(ast.commands.map((c) => c.name)).toEqual(['fetch', 'sort', 'limit']);
    const fetch = ast.commands[0];
    expect(fetch?.params.map((p) => (p.type === 'named' ? `${p.name}:` : 'pos'))).toEqual([
      'pos',
      'from:',
      'to:',
    ]);
    expect(fetch?.params[1]).toMatchObject({ type: 'named', name: 'from', nameSpan: { start: 17, end: 21 } });
    const sort = ast.commands[1];
    expect(sort?.params.map((p) => p.value.type === 'sortDirection' && p.value.direction)).toEqual([
      'desc',
      'asc',
    ]);
    expect(ast.commands[2]).toMatchObject({ start: 80, end: 88, nameSpan: { start: 80, end: 85 } });
  });

  it('follows the documented precedence', () => {
    expect(formatExpression(firstExpr('x a or b and not c == 1 + 2 * -3'))).toBe(
      'a or b and not c == 1 + 2 * -3',
    );
    const e = firstExpr('x a or b and c');
    expect(e).toMatchObject({ type: 'binary', op: 'or', right: { type: 'binary', op: 'and' } });
    const m = firstExpr('x 1 + 2 * 3 - 4');
    expect(m).toMatchObject({ op: '-', left: { op: '+', right: { op: '*' } } });
    expect(firstExpr('x not a == b')).toMatchObject({ type: 'unary', op: 'not', operand: { op: '==' } });
    expect(firstExpr('x a in b and c')).toMatchObject({ op: 'and', left: { op: 'in' } });
    expect(firstExpr('x a < b == c')).toMatchObject({ op: '==', left: { op: '<' } });
    expect(firstExpr('x a ~ "b" == c')).toMatchObject({ op: '==', left: { op: '~' } });
    expect(firstExpr('x now() - 2h @ h')).toMatchObject({ op: '-', right: { type: 'alignment' } });
    expect(formatExpression(firstExpr('x (1 + 2) * 3'))).toBe('(1 + 2) * 3');
  });

  it('parses calls with named arguments, groups, assignments, index access and sub-queries', () => {
    expect(firstExpr('x substring(s, from: 0, to: 2)')).toMatchObject({
      type: 'call',
      args: [{ type: 'positional' }, { type: 'named', name: 'from' }, { name: 'to' }],
    });
    expect(firstExpr('x {a, b}')).toMatchObject({ type: 'group', items: [{}, {}] });
    expect(firstExpr('x c = a + 1')).toMatchObject({ type: 'assign', target: { name: 'c' } });
    expect(firstExpr('x r[a][0]')).toMatchObject({ type: 'index', target: { type: 'index' } });
    expect(firstExpr('x a in [fetch logs | limit 1]')).toMatchObject({
      op: 'in',
      right: { type: 'subquery', query: { commands: [{}, {}] } },
    });
    expect(firstExpr('x `my field`')).toMatchObject({ type: 'field', name: 'my field', quoted: true });
  });

  it('parses literals exactly', () => {
    expect(firstExpr('x 9223372036854775807')).toMatchObject({
      literal: { kind: 'long', value: 9223372036854775807n },
    });
    expect(firstExpr('x -9223372036854775808')).toMatchObject({
      literal: { kind: 'long', value: -9223372036854775808n },
    });
    expect(firstExpr('x 0xFFFFFFFFFFFFFFFF')).toMatchObject({ literal: { kind: 'long', value: -1n } });
    expect(firstExpr('x 15m')).toMatchObject({ literal: { kind: 'duration', amount: 15n, unit: 'm' } });
    expect(firstExpr('x 2M')).toMatchObject({ literal: { kind: 'duration', unit: 'M' } });
    expect(firstExpr('x TRUE')).toMatchObject({ literal: { kind: 'boolean', value: true } });
  });
});

describe('parse — diagnostics and recovery', () => {
  it('reports exact positions', () => {
    expect(codes('fetch bizevents | limit 9223372036854775808')).toEqual(['DQL1015@24-43']);
    expect(codes('fetch x | limit 5x')).toEqual(['DQL1017@17-18']);
    expect(codes("fetch x | filter a == 'b'")).toEqual(['DQL1006@22-25']);
    expect(codes('fetch x | sort (a')).toEqual(['DQL1013@17-17']);
    expect(codes('fetch x | sort a +')).toEqual(['DQL1012@18-18']);
    expect(codes('fetch x, from:')).toEqual(['DQL1012@14-14']);
  });

  it('reports empty queries, missing commands, leading pipes', () => {
    expect(codes('')).toEqual(['DQL1001@0-0']);
    expect(codes('  // nothing\n')).toEqual(['DQL1001@0-13']);
    expect(codes('fetch x |')).toEqual(['DQL1010@8-9']);
    expect(codes('fetch x | | limit 1')).toEqual(['DQL1010@10-11']);
    expect(codes('| fetch x')).toEqual(['DQL1016@0-1']);
  });

  it('recovers at the next pipe and keeps parsing', () => {
    const p = parse('fetch x | filter (a == | sort b desc | limit 3 4 | limit 1');
    expect(p.diagnostics.map((d) => `${d.code}@${d.start}`)).toEqual(['DQL1012@23', 'DQL1011@47']);
    expect(p.ast.commands.map((c) => c.name)).toEqual(['fetch', 'filter', 'sort', 'limit', 'limit']);
    // The unfinished filter keeps its partial tree (what the editor completes and explains).
    expect(formatCanonical(p.ast)).toBe('fetch x\n| filter a == \n| sort b desc\n| limit 3\n| limit 1');
  });

  it('rejects asc/desc outside a parameter position', () => {
    expect(codes('fetch x | sort desc')).toEqual(['DQL1018@15-19']);
  });

  it('caps nesting depth instead of overflowing the stack', () => {
    const deep = `fetch x | filter ${'('.repeat(5000)}a${')'.repeat(5000)} | limit 1`;
    const p = parse(deep);
    expect(p.diagnostics.map((d) => d.code)).toEqual(['DQL1014']);
    expect(p.diagnostics[0]?.message).toContain(String(MAX_DEPTH));
    expect(p.ast.commands.map((c) => c.name)).toEqual(['fetch', 'filter', 'limit']);
    expect(parse(`x ${'-'.repeat(5000)}1`).diagnostics.map((d) => d.code)).toEqual(['DQL1014']);
    expect(parse(`x ${'not '.repeat(5000)}a`).diagnostics.map((d) => d.code)).toEqual(['DQL1014']);
  });

  it('never throws and keeps diagnostics inside the text (property)', () => {
    const alphabet = fc.constantFrom(
      ...'fetch bizevents | sort limit a.b `c` "d" \'e\' ( ) [ ] { } , : = == != < > + - * / % @ ~ 1 2.5 3h 0x1F $v and or not in asc desc // /* */ \n # '.split(
        ' ',
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(alphabet, fc.string({ maxLength: 3 })), { maxLength: 40 }), (parts) => {
        const text = parts.join(' ');
        const r = parse(text);
        for (const d of r.diagnostics) {
          expect(d.start).toBeGreaterThanOrEqual(0);
          expect(d.end).toBeLessThanOrEqual(text.length);
          expect(d.start).toBeLessThanOrEqual(d.end);
        }
        expect(() => formatCanonical(r.ast)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });
});

describe('toTokenPosition', () => {
  it('gives 0-based index, 1-based line/column, inclusive end', () => {
    const text = 'fetch bizevents\n| limt 5';
    expect(toTokenPosition(text, { start: 18, end: 22 })).toEqual({
      start: { index: 18, line: 2, column: 3 },
      end: { index: 21, line: 2, column: 6 },
    });
    expect(toTokenPosition(text, { start: 5, end: 5 })).toEqual({
      start: { index: 5, line: 1, column: 6 },
      end: { index: 5, line: 1, column: 6 },
    });
  });
});

describe('formatCanonical', () => {
  it('puts commands on new lines and uses catalogue spelling', () => {
    expect(formatCanonical(parse('fetch bizevents | summarize Count()').ast)).toBe(
      'fetch bizevents\n| summarize count()',
    );
    expect(formatCanonical(parse('FETCH bizevents /* c */ | FIELDSADD `a b` = 1').ast)).toBe(
      'fetch bizevents\n| fieldsAdd `a b` = 1',
    );
    expect(formatCanonical(parse('SORT a, {direction:"descending", b}').ast)).toBe(
      'sort a, {direction:"descending", b}',
    );
  });
});

describe('parse — limits and partial trees', () => {
  it('caps left-leaning chains that consumers walk recursively', () => {
    const chain = (n: number) =>
      `fetch x | filter ${Array.from({ length: n }, (_, i) => `a == ${i}`).join(' or ')}`;
    expect(parse(chain(900)).diagnostics).toEqual([]);
    expect(parse(chain(1100)).diagnostics.map((d) => d.code)).toEqual(['DQL1020']);
    expect(parse(`x y${'[0]'.repeat(2000)}`).diagnostics.map((d) => d.code)).toEqual(['DQL1020']);
  });

  it('keeps unclosed calls and dangling operators where the text stops', () => {
    const p = parse('fetch x | filter contains(a, "b"');
    expect(p.ast.commands[1]?.params[0]?.value).toMatchObject({ type: 'call', name: 'contains' });
    expect(p.diagnostics.map((d) => `${d.code}@${d.start}`)).toEqual(['DQL1013@32']);
    expect(parse('x in(a, b)').ast.commands[0]?.params[0]?.value).toMatchObject({ type: 'call', name: 'in' });
  });

  it('returns every token, comments included', () => {
    expect(parse('fetch x // c').tokens.map((t) => t.kind)).toEqual([
      'identifier',
      'identifier',
      'lineComment',
      'eof',
    ]);
  });
});
