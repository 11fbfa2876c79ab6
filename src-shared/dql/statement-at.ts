/**
 * "Run the statement under the cursor": an editor may hold several queries separated by blank
 * lines (as Kusto's editor does). The statement is found from the lexer's tokens, so a blank line
 * inside a string or a block comment does not split a query.
 */
import { lex } from './lexer';
import type { Span } from './source-span';

const BLANK_LINE = /\n[ \t\r]*\n/;

/**
 * The statement containing `offset` (or the nearest one before it, when the cursor sits in the
 * blank lines between two), trimmed to its tokens; undefined when the text has no tokens.
 */
export function statementAt(text: string, offset: number): Span | undefined {
  const tokens = lex(text).tokens.filter((t) => t.kind !== 'eof');
  if (tokens.length === 0) return undefined;
  const statements: Span[] = [];
  let start = tokens[0]?.start ?? 0;
  for (let i = 1; i < tokens.length; i++) {
    const prev = tokens[i - 1];
    const next = tokens[i];
    if (!prev || !next) continue;
    if (BLANK_LINE.test(text.slice(prev.end, next.start))) {
      statements.push({ start, end: prev.end });
      start = next.start;
    }
  }
  statements.push({ start, end: tokens[tokens.length - 1]?.end ?? text.length });
  let chosen = statements[0];
  for (const s of statements) if (s.start <= offset) chosen = s;
  return chosen;
}

/** What a run executes: the selection when there is one, else the statement under the cursor. */
export function textToRun(
  text: string,
  selection: { start: number; end: number },
): { text: string; span: Span } | undefined {
  const lo = Math.min(selection.start, selection.end);
  const hi = Math.max(selection.start, selection.end);
  if (hi > lo && text.slice(lo, hi).trim()) return { text: text.slice(lo, hi), span: { start: lo, end: hi } };
  const s = statementAt(text, lo);
  return s ? { text: text.slice(s.start, s.end), span: s } : undefined;
}

/**
 * Where a pipeline line (`| filter …`) added to the statement at `offset` is inserted, as `\n` +
 * the line: the end of the line holding the statement's last token (after a trailing comment), so
 * it joins that statement rather than the text's end, which may be a blank line (starting a
 * statement of its own) or another statement. Undefined when the text has no tokens.
 */
export function statementLineEnd(text: string, offset: number): number | undefined {
  const s = statementAt(text, offset);
  if (!s) return undefined;
  const eol = text.indexOf('\n', s.end);
  if (eol < 0) return text.length;
  return text[eol - 1] === '\r' ? eol - 1 : eol;
}
