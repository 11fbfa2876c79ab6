/**
 * Everything the composer has to say about a payload, as one list: events the API will reject and
 * warnings from the flattening, each with where it is in the text (no DOM; unit-tested).
 */
import type { FlattenWarning } from '../../../src-shared/grail/flatten';
import type { JsonSpan } from '../../../src-shared/grail/json-document';
import { formatCount } from '../../lib/format';
import type { PreviewModel } from './preview';

export interface Problem {
  key: string;
  severity: 'error' | 'warning';
  message: string;
  /** "Event 3", "Events 1, 4, 7", "1,000 events (0, 1, 2, …)"; absent for the payload as a whole. */
  where?: string;
  /** The field or key concerned, when there is one. */
  field?: string;
  /** The text to select when the user asks to see it. */
  range?: JsonSpan;
}

/**
 * The accessible name of a problem's "Show" button: where and which field, so that the buttons of
 * several problems in one event ("Event 0") can be told apart.
 */
export function revealLabel(p: Problem): string {
  const what = [p.where, p.field === undefined ? undefined : `'${p.field}'`].filter(Boolean).join(', ');
  return `Show in payload: ${what || p.message.slice(0, 60)}`;
}

export function previewProblems(preview: PreviewModel): Problem[] {
  if (preview.kind === 'error') {
    const at = preview.position ?? 0;
    return [
      {
        key: 'syntax',
        severity: 'error',
        message: preview.message,
        ...(preview.line !== undefined ? { where: `Line ${preview.line}, column ${preview.column}` } : {}),
        range: { start: at, end: at + 1 },
      },
    ];
  }
  if (preview.kind !== 'ok') return [];
  const rejected = preview.rejected.map((r): Problem => ({
    key: `rejected-${r.index}`,
    severity: 'error',
    message: `Rejected: ${r.message}`,
    where: `Event ${r.index}`,
    ...spanOf(preview.spans, r.index),
  }));
  return [...rejected, ...preview.warnings.map((w) => warningProblem(w, preview.spans))];
}

function warningProblem(w: FlattenWarning, spans: readonly JsonSpan[]): Problem {
  const first = w.indexes?.[0];
  const range =
    w.position !== undefined
      ? { start: w.position, end: w.position + (w.field !== undefined ? w.field.length + 2 : 1) }
      : first !== undefined
        ? spans[first]
        : undefined;
  return {
    key: `${w.code}:${w.field ?? ''}`,
    severity: 'warning',
    message: w.message,
    ...(w.indexes ? { where: describeIndexes(w.indexes) } : {}),
    ...(w.field !== undefined ? { field: w.field } : {}),
    ...(range ? { range } : {}),
  };
}

function spanOf(spans: readonly JsonSpan[], index: number): { range?: JsonSpan } {
  const span = spans[index];
  return span ? { range: span } : {};
}

const LISTED = 5;

/** "Event 3" · "Events 1, 4, 7" · "1,000 events (0, 1, 2, 3, 4, …)". */
export function describeIndexes(indexes: readonly number[]): string {
  if (indexes.length === 1) return `Event ${indexes[0]}`;
  if (indexes.length <= LISTED) return `Events ${indexes.join(', ')}`;
  return `${formatCount(indexes.length)} events (${indexes.slice(0, LISTED).join(', ')}, …)`;
}
