/**
 * Grail's `query:verify` problems merged with the local analysis: a server problem that the local
 * one already reports (overlapping span, same severity) is dropped, so each problem shows once —
 * the local wording wins because it comes with a quick fix.
 */
import type { Diagnostic } from './diagnostics';
import type { Span } from './source-span';

export interface RemoteProblem extends Span {
  readonly severity: 'error' | 'warning' | 'info';
  readonly message: string;
}

const overlaps = (a: Span, b: Span) =>
  a.start === b.start || (a.start < Math.max(b.end, b.start + 1) && b.start < Math.max(a.end, a.start + 1));

/** The server problems the local diagnostics do not already cover, without repeats. */
export function remoteOnly<T extends RemoteProblem>(local: readonly Diagnostic[], remote: readonly T[]): T[] {
  const out: T[] = [];
  for (const r of remote) {
    const severity = r.severity === 'info' ? 'warning' : r.severity;
    if (local.some((d) => d.severity === severity && overlaps(d, r))) continue;
    if (out.some((o) => o.start === r.start && o.end === r.end && o.message === r.message)) continue;
    out.push(r);
  }
  return out;
}
