import { startTransition, useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';

/**
 * Above this flatten time (ms) a preview no longer fits in the frame beside the textarea's own
 * work, so edits update it in a transition instead, after the typed text is drawn.
 */
const FRAME_SHARE_MS = 8;
/** Previews that must all have been slow for that: one slow run (GC, a busy machine) is not. */
const SLOW_RUNS = 3;

interface LivePayload {
  /** For the textarea. */
  textarea: RefObject<HTMLTextAreaElement | null>;
  /** The text the preview, problems and marks are computed for. */
  payload: string;
  /**
   * The editor's text while a slow preview catches up with it (null when it has): the preview is
   * stale and its ranges no longer match the text.
   */
  ahead: string | null;
  /** The textarea's text now (it is uncontrolled; this is kept as it changes, no DOM read). */
  current: () => string;
  /** The user changed the text (the textarea already shows it). */
  edited: (text: string) => void;
  /** Replaces the editor's text (a template, added ids). */
  replace: (text: string) => void;
  /** How long the last preview took, to choose how the next edit updates it. */
  reportCost: (ms: number) => void;
}

/**
 * The payload of an uncontrolled textarea as composer state. A keystroke renders nothing at once:
 * the preview is brought up to date in the next animation frame, in one commit drawn in the same
 * frame as the typed character (several keystrokes in one frame make one update). A payload whose
 * preview takes longer than a share of the frame is previewed in a transition instead, marked stale
 * meanwhile, so typing stays responsive on multi-megabyte text.
 */
export function useLivePayload(initial: string): LivePayload {
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [payload, setPayload] = useState(initial);
  const [ahead, setAhead] = useState<string | null>(null);
  const latest = useRef(initial);
  const frame = useRef(0);
  const slow = useRef(false);
  const costs = useRef<number[]>([]);

  useEffect(
    () => () => {
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    },
    [],
  );

  /** Records the editor's text; while previews are slow, previews it in a transition (true). */
  const deferIfSlow = useCallback((text: string) => {
    latest.current = text;
    if (!slow.current) return false;
    setAhead(text);
    startTransition(() => {
      setPayload(text);
      setAhead(null);
    });
    return true;
  }, []);

  const edited = useCallback(
    (text: string) => {
      if (deferIfSlow(text) || frame.current) return;
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        // Committed before this frame's style and layout: the frame draws text and preview alike.
        flushSync(() => {
          setPayload(latest.current);
          setAhead(null);
        });
      });
    },
    [deferIfSlow],
  );

  const replace = useCallback(
    (text: string) => {
      if (textarea.current) textarea.current.value = text;
      // From a click or a choice: rendered with that event's other updates, in one commit.
      if (deferIfSlow(text)) return;
      setPayload(text);
      setAhead(null);
    },
    [deferIfSlow],
  );

  const current = useCallback(() => latest.current, []);
  const reportCost = useCallback((ms: number) => {
    const recent = [...costs.current.slice(1 - SLOW_RUNS), ms];
    costs.current = recent;
    slow.current = recent.length === SLOW_RUNS && Math.min(...recent) > FRAME_SHARE_MS;
  }, []);

  return { textarea, payload, ahead, current, edited, replace, reportCost };
}
