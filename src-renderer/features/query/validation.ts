/** The "Validate" button's one-line verdict (pure, unit-tested). */
import type { Diagnostic } from '../../../src-shared/dql/diagnostics';
import { pluralize } from '../../lib/format';

export function summarizeValidation(text: string, diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (diagnostics.length === 0) return 'No problems found.';
  // An error stops the query: it leads, even when a warning comes earlier in the text.
  const first = diagnostics.find((d) => d.severity === 'error') ?? (diagnostics[0] as Diagnostic);
  const before = text.slice(0, first.start).split('\n');
  const line = before.length;
  const column = (before[before.length - 1]?.length ?? 0) + 1;
  const counts = [errors ? pluralize(errors, 'error') : '', warnings ? pluralize(warnings, 'warning') : '']
    .filter(Boolean)
    .join(' and ');
  const lead = errors && warnings ? 'First error' : 'First';
  return `${counts}. ${lead}, at ${line}:${column}: ${first.message}`;
}
