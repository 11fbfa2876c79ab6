import { useCallback, useLayoutEffect, useMemo, useRef, useState, type RefObject } from 'react';
import type { JsonSpan } from '../../../src-shared/grail/json-document';

interface PayloadEditorProps {
  id: string;
  /** The text on mount; the textarea is uncontrolled (replace it through `textareaRef`). */
  initialText: string;
  /** Every edit by the user, with the new text. */
  onEdit: (text: string) => void;
  /** Ctrl/Cmd+Enter. */
  onSubmit: () => void;
  /** Ranges to mark (rejected events), in the coordinates of `markedText`; empty hides the marks. */
  marks: readonly JsonSpan[];
  /** The text the marks were computed for (the editor's text, unless `marks` is empty). */
  markedText: string;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}

/**
 * The payload textarea, with rejected events marked at their place: a backdrop behind the
 * (transparent) textarea renders the same text with <mark>s, scrolled in step with it. A plain
 * textarea keeps typing, selection, undo and `fill()` native and fast on multi-megabyte text.
 * It is uncontrolled and never re-rendered: a controlled one has React read, compare and write its
 * whole text (`value`, `defaultValue`) on every keystroke, relaying it out once more.
 */
export function PayloadEditor({
  id,
  initialText,
  onEdit,
  onSubmit,
  marks,
  markedText,
  textareaRef,
}: PayloadEditorProps) {
  const backdrop = useRef<HTMLDivElement>(null);
  const segments = useMemo(
    () => (marks.length > 0 ? markSegments(markedText, marks) : null),
    [markedText, marks],
  );

  // The memoized textarea reaches the latest handlers through a ref.
  const handlers = useRef({ onEdit, onSubmit });
  useLayoutEffect(() => {
    handlers.current = { onEdit, onSubmit };
  });
  const syncScroll = useCallback(() => {
    const t = textareaRef.current;
    const b = backdrop.current;
    if (!t || !b) return;
    b.scrollTop = t.scrollTop;
    b.scrollLeft = t.scrollLeft;
  }, [textareaRef]);
  // Set once, not as `defaultValue`: React would write that back on every input event.
  const [initial] = useState(initialText);
  useLayoutEffect(() => {
    if (textareaRef.current) textareaRef.current.value = initial;
  }, [textareaRef, initial]);
  const textarea = useMemo(
    () => (
      <textarea
        id={id}
        ref={textareaRef}
        className="payload payload-input"
        onInput={(e) => handlers.current.onEdit(e.currentTarget.value)}
        onScroll={syncScroll}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            handlers.current.onSubmit();
          }
        }}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        wrap="off"
        placeholder='{"event.type": "com.example.order", "total": 42}'
      />
    ),
    [id, textareaRef, syncScroll],
  );

  return (
    <div className={`payload-editor${segments ? ' payload-editor-marked' : ''}`}>
      {segments && (
        <div ref={backdrop} className="payload payload-backdrop" aria-hidden="true">
          {segments.map((s, i) =>
            s.marked ? (
              <mark key={i} className="payload-mark">
                {s.text}
              </mark>
            ) : (
              <span key={i}>{s.text}</span>
            ),
          )}
          {'\n'}
        </div>
      )}
      {textarea}
    </div>
  );
}

interface Segment {
  text: string;
  marked: boolean;
}

/** Splits text into unmarked and marked runs (marks sorted, overlaps merged, clamped to the text). */
export function markSegments(text: string, marks: readonly JsonSpan[]): Segment[] {
  const sorted = [...marks].sort((a, b) => a.start - b.start);
  const out: Segment[] = [];
  let at = 0;
  for (const m of sorted) {
    const start = Math.max(m.start, at);
    const end = Math.min(m.end, text.length);
    if (end <= start) continue;
    if (start > at) out.push({ text: text.slice(at, start), marked: false });
    out.push({ text: text.slice(start, end), marked: true });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), marked: false });
  return out;
}
