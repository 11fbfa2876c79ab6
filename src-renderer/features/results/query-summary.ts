/** Pure text for the query status line and notifications (no DOM, unit-tested). */
import type { MetadataNotification } from '../../../src-shared/grail/wire';
import { formatBytes, formatDuration, pluralize } from '../../lib/format';
import type { RunSummary } from '../query/run-outcome';

/**
 * "3 records · 12 ms · scanned 3 records (1.2 KB)" (the scanned part only as far as the server
 * reported it).
 */
export function summarizeOutcome(run: RunSummary): string {
  if (run.state === 'CANCELLED') return `Query cancelled · ${formatDuration(run.durationMs)}`;
  const grail = run.metadata?.grail;
  const parts = [pluralize(run.records ?? 0, 'record'), formatDuration(run.durationMs)];
  const scannedBytes = typeof grail?.scannedBytes === 'number' ? formatBytes(grail.scannedBytes) : undefined;
  if (typeof grail?.scannedRecords === 'number')
    parts.push(
      `scanned ${pluralize(grail.scannedRecords, 'record')}${scannedBytes ? ` (${scannedBytes})` : ''}`,
    );
  else if (scannedBytes) parts.push(`scanned ${scannedBytes}`);
  if (grail?.sampled) parts.push('sampled');
  return parts.join(' · ');
}

export interface SourcePosition {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/**
 * The syntax error position from AppError details (Query API `syntaxErrorPosition`, 1-based
 * line/column). Accepts `{start, end}` token positions and a bare `{line, column}`.
 */
export function syntaxErrorPosition(
  details: Record<string, unknown> | undefined,
): SourcePosition | undefined {
  const raw = details?.syntaxErrorPosition;
  if (!isObject(raw)) return undefined;
  const start = isObject(raw.start) ? raw.start : raw;
  const end = isObject(raw.end) ? raw.end : start;
  const line = numberOf(start.line);
  const column = numberOf(start.column);
  if (line === undefined || column === undefined) return undefined;
  return {
    line,
    column,
    endLine: numberOf(end.line) ?? line,
    endColumn: numberOf(end.column) ?? column,
  };
}

/** "The field x does not exist. (at 2:9)" */
export function describeQueryError(message: string, position: SourcePosition | undefined): string {
  return position ? `${message} (at ${position.line}:${position.column})` : message;
}

/** A notification's text: its message, else its format with the arguments filled in. */
export function notificationText(n: MetadataNotification): string {
  if (n.message) return n.message;
  if (!n.messageFormat) return n.notificationType ?? 'Notification without a message';
  const args = n.arguments ?? [];
  let next = 0;
  return n.messageFormat.replace(/%(?:(\d+)\$)?[sd]/g, (_m, pos: string | undefined) => {
    const arg = pos ? args[Number(pos) - 1] : args[next++];
    return arg ?? '';
  });
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function numberOf(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
