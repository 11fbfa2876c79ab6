import type { JsonSpan } from '../../../src-shared/grail/json-document';

/**
 * Selects a range of the payload and scrolls it into view, so "Show in payload" lands the user
 * on the event or key in question (textareas do not scroll to a programmatic selection).
 */
export function revealRange(textarea: HTMLTextAreaElement, range: JsonSpan): void {
  const end = Math.min(range.end, textarea.value.length);
  const start = Math.min(range.start, end);
  textarea.focus();
  textarea.setSelectionRange(start, end);
  const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 18;
  const line = countNewlines(textarea.value, start);
  textarea.scrollTop = Math.max(0, (line - 2) * lineHeight);
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
