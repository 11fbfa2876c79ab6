/**
 * Source positions. Internally a span is a half-open UTF-16 range [start, end) into the query
 * text; the Query API's TokenPosition is {index 0-based, line/column 1-based}, both ends inclusive.
 */
import type { TokenPosition } from '../grail/wire';

export interface Span {
  readonly start: number;
  readonly end: number;
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function joinSpans(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function lineColumn(text: string, index: number): { index: number; line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const limit = Math.min(index, text.length);
  for (let i = 0; i < limit; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { index, line, column: index - lineStart + 1 };
}

/** Span → Query API position (inclusive end; an empty span points at its start character). */
export function toTokenPosition(text: string, s: Span): TokenPosition {
  const endIndex = Math.max(s.start, s.end - 1);
  return { start: lineColumn(text, s.start), end: lineColumn(text, endIndex) };
}
