import type { KeyboardEvent } from 'react';
import { formatCount } from '../../lib/format';

interface FindBarProps {
  text: string;
  onTextChange: (text: string) => void;
  /** Matches found (capped at a limit), and the one focused (-1: none yet). */
  count: number;
  current: number;
  capped: boolean;
  /** 0–1 while the search is still going through the records. */
  progress: number | undefined;
  onStep: (direction: 1 | -1) => void;
}

/**
 * Search within the loaded records without narrowing them: matching cells are highlighted and
 * Enter / Shift+Enter (or F3 / Shift+F3, or the buttons) go to the next / previous one.
 */
export function FindBar({ text, onTextChange, count, current, capped, progress, onStep }: FindBarProps) {
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' || e.key === 'F3') {
      onStep(e.shiftKey ? -1 : 1);
      e.preventDefault();
    } else if (e.key === 'Escape' && text) {
      onTextChange('');
      e.preventDefault();
    }
  };
  const total = `${formatCount(count)}${capped ? '+' : ''}`;
  const summary = !text.trim()
    ? ''
    : progress !== undefined
      ? `${total} ${count === 1 ? 'match' : 'matches'} so far, searching… ${Math.floor(progress * 100)}%`
      : count === 0
        ? 'No matches'
        : current >= 0
          ? `${formatCount(current + 1)} of ${total} matches`
          : `${total} ${count === 1 ? 'match' : 'matches'}`;
  return (
    <div className="results-find" role="search" aria-label="Find in results">
      <input
        type="search"
        className="results-find-input"
        aria-label="Find in results"
        aria-keyshortcuts="Enter Shift+Enter F3 Shift+F3 Escape"
        placeholder="Find in loaded records…"
        value={text}
        onChange={(e) => onTextChange(e.target.value)}
        onKeyDown={onKey}
      />
      <button
        type="button"
        className="button"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        disabled={count === 0}
        onClick={() => onStep(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="button"
        aria-label="Next match"
        title="Next match (Enter)"
        disabled={count === 0}
        onClick={() => onStep(1)}
      >
        ↓
      </button>
      <span className="results-find-count" role="status" aria-label="Find matches">
        {summary}
      </span>
    </div>
  );
}
