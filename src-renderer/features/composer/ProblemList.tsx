import type { JsonSpan } from '../../../src-shared/grail/json-document';
import { revealLabel, type Problem } from './problems';

const SHOWN = 50;

interface ProblemListProps {
  label: string;
  problems: readonly Problem[];
  /** Selects the range in the payload; absent when the payload no longer matches. */
  onReveal?: (range: JsonSpan) => void;
}

/** Rejections and warnings, each with where it is and a way to jump there. */
export function ProblemList({ label, problems, onReveal }: ProblemListProps) {
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" aria-label={label}>
      {problems.slice(0, SHOWN).map((p) => (
        <li key={p.key} className={`problem problem-${p.severity}`}>
          <span className="problem-icon" aria-hidden="true">
            {p.severity === 'error' ? '✕' : '⚠'}
          </span>
          <span className="visually-hidden">{p.severity === 'error' ? 'Error: ' : 'Warning: '}</span>
          <span className="problem-text">
            {p.where && <span className="problem-where">{p.where}: </span>}
            {p.message}
          </span>
          {p.range && onReveal && (
            <button
              type="button"
              className="button button-small problem-reveal"
              onClick={() => onReveal(p.range!)}
              aria-label={revealLabel(p)}
            >
              Show
            </button>
          )}
        </li>
      ))}
      {problems.length > SHOWN && <li className="problem-more">and {problems.length - SHOWN} more</li>}
    </ul>
  );
}
