// Bad input never crashes or hangs the language service: 100,000+ generated and mutated queries
// through the lexer, parser and analyzer, each returning well-formed diagnostics.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src-shared/dql/analyzer';
import { COMMAND_SPECS, FUNCTION_SPECS } from '../../../../src-shared/dql/catalog';
import type { Diagnostic } from '../../../../src-shared/dql/diagnostics';
import { lex } from '../../../../src-shared/dql/lexer';
import { parse } from '../../../../src-shared/dql/parser';
import { KEYWORDS, PUNCTUATION } from '../../../../src-shared/dql/tokens';
import { parseGolden } from '../../../support/dql-golden';

const FRAGMENTS = [
  ...COMMAND_SPECS.map((c) => c.name),
  ...FUNCTION_SPECS.slice(0, 80).map((f) => `${f.name}(`),
  ...KEYWORDS,
  ...PUNCTUATION,
  ...[
    'bizevents',
    'event.type',
    '`a b`',
    '"s"',
    '"""m\n"""',
    "'q'",
    '$v',
    '42',
    '2.5e3',
    '0xFF',
    '5m',
    '3zz',
  ],
  ...['from:', 'by:', '{', '[fetch logs', '//c\n', '/*', '*/', '\\', '"', '`', '\u0000', '😀', '\n', ' '],
];

const soup = fc
  .array(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...FRAGMENTS) }, fc.string({ maxLength: 4 })), {
    maxLength: 30,
  })
  .map((parts) => parts.join(' '));

const corpus = readdirSync(join(import.meta.dirname, '../../../golden/dql'))
  .filter((f) => f.endsWith('.golden'))
  .flatMap((f) => parseGolden(readFileSync(join(import.meta.dirname, '../../../golden/dql', f), 'utf8')))
  .map((c) => c.query);

/** A golden query with a few random edits: deletions, insertions, duplications, truncation. */
const mutated = fc
  .tuple(
    fc.constantFrom(...corpus),
    fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.constantFrom(...FRAGMENTS, '', '(', ')', '|')), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([q, edits]) =>
    edits.reduce((text, [at, len, insert]) => {
      const i = text.length ? at % (text.length + 1) : 0;
      return text.slice(0, i) + insert + text.slice(i + len);
    }, q),
  );

function checkDiagnostics(text: string, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) {
    if (!(d.start >= 0 && d.start <= d.end && d.end <= text.length)) throw new Error(`bad span ${d.code}`);
    if (d.code === 'DQL1099') throw new Error('internal error (DQL1099)');
    if (!d.message) throw new Error(`empty message ${d.code}`);
  }
}

// Generous timeouts: these guard against hangs, not speed (the machines running them are shared).
const TIMEOUT = 60_000;

describe('DQL language service fuzz (no throw, well-formed diagnostics)', () => {
  it(
    'lexer: 40,000 inputs, tokens in order, only whitespace between them',
    () => {
      fc.assert(
        fc.property(
          fc.oneof(soup, fc.string({ maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 })),
          (text) => {
            const { tokens, diagnostics } = lex(text);
            checkDiagnostics(text, diagnostics);
            let at = 0;
            for (const t of tokens) {
              if (t.start < at || t.end < t.start) return false;
              if (text.slice(at, t.start).trim() !== '') return false;
              at = t.end;
            }
            return tokens[tokens.length - 1]?.kind === 'eof' && at === text.length;
          },
        ),
        { numRuns: 40_000 },
      );
    },
    TIMEOUT,
  );

  it(
    'parser: 30,000 inputs (generated and mutated golden queries)',
    () => {
      fc.assert(
        fc.property(fc.oneof(soup, mutated), (text) => {
          const r = parse(text);
          checkDiagnostics(text, r.diagnostics);
          return r.ast.start === 0 && r.ast.end === text.length;
        }),
        { numRuns: 30_000 },
      );
    },
    TIMEOUT,
  );

  it(
    'analyzer: 30,000 inputs (generated and mutated golden queries)',
    () => {
      fc.assert(
        fc.property(fc.oneof(soup, mutated, mutated), (text) => {
          const a = analyze(text);
          checkDiagnostics(text, a.diagnostics);
          const sorted = a.diagnostics.every((d, i, all) => i === 0 || (all[i - 1]?.start ?? 0) <= d.start);
          return sorted && a.hasErrors === a.diagnostics.some((d) => d.severity === 'error');
        }),
        { numRuns: 30_000 },
      );
    },
    TIMEOUT,
  );

  it(
    'deep and long inputs finish',
    () => {
      const inputs = [
        `fetch x | filter ${'('.repeat(100_000)}`,
        `fetch x | filter ${'not '.repeat(50_000)}a`,
        `fetch x | filter ${'@'.repeat(50_000)}h`,
        `fetch x | fieldsAdd a = ${'f('.repeat(50_000)}`,
        `fetch x | fieldsAdd a = ${'{['.repeat(50_000)}`,
        `fetch x${' | limit 1'.repeat(20_000)}`,
        `fetch x | filter ${Array.from({ length: 20_000 }, (_, i) => `a${i} == ${i}`).join(' and ')}`,
        '"'.repeat(100_001),
        '`'.repeat(100_001),
        '/*'.repeat(50_000),
      ];
      for (const text of inputs) {
        const a = analyze(text);
        expect(() => checkDiagnostics(text, a.diagnostics)).not.toThrow();
      }
    },
    TIMEOUT,
  );
});
