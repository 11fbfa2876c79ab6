import { useCallback, useMemo, useRef, type RefObject } from 'react';
import type { JsonSpan } from '../../../src-shared/grail/json-document';

interface PayloadEditorProps {
  id: string;
  value: string;
  onChange: (text: string) => void;
  /** Ctrl/Cmd+Enter. */
  onSubmit: () => void;
  /** Ranges to mark (rejected events), in the coordinates of `markedText`. */
  marks: readonly JsonSpan[];
  /** The text the marks were computed for; marks are hidden while the editor holds other text. */
  markedText: string;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
}

/**
 * The payload textarea, with rejected events marked at their place: a backdrop behind the
 * (transparent) textarea renders the same text with <mark>s, scrolled in step with it. A plain
 * textarea keeps typing, selection, undo and `fill()` native and fast on multi-megabyte text.
 */
export function PayloadEditor({
  id,
  value,
  onChange,
  onSubmit,
  marks,
  markedText,
  textareaRef,
}: PayloadEditorProps) {
  const backdrop = useRef<HTMLDivElement>(null);
  const showMarks = marks.length > 0 && markedText === value;
  const segments = useMemo(() => (showMarks ? markSegments(value, marks) : null), [showMarks, value, marks]);

  const syncScroll = useCallback(() => {
    const t = textareaRef.current;
    const b = backdrop.current;
    if (!t || !b) return;
    b.scrollTop = t.scrollTop;
    b.scrollLeft = t.scrollLeft;
  }, [textareaRef]);

  return (
    <div className="payload-editor">
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
      <textarea
        id={id}
        ref={textareaRef}
        className={`payload payload-input${segments ? ' payload-input-marked' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onScroll={syncScroll}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            onSubmit();
          }
        }}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        wrap="off"
        placeholder='{"event.type": "com.example.order", "total": 42}'
      />
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
