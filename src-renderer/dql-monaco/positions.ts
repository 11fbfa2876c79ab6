/** Offsets (the language service's 0-based UTF-16 spans) ↔ Monaco's 1-based ranges; only here. */
import type { editor, IRange } from 'monaco-editor/esm/vs/editor/editor.api.js';
import type { Span } from '../../src-shared/dql/source-span';

export function toRange(model: editor.ITextModel, span: Span): IRange {
  const s = model.getPositionAt(span.start);
  const e = model.getPositionAt(span.end);
  return {
    startLineNumber: s.lineNumber,
    startColumn: s.column,
    endLineNumber: e.lineNumber,
    endColumn: e.column,
  };
}

/** A marker needs at least one character to show: widen an empty span (e.g. "`)` is missing"). */
export function visibleSpan(span: Span, textLength: number): Span {
  if (span.end > span.start) return span;
  if (span.end < textLength) return { start: span.start, end: span.end + 1 };
  return { start: Math.max(0, span.start - 1), end: span.end };
}
