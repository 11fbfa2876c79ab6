/**
 * Logs to stderr, one line each. Callers pass user-safe text, and every line still goes through
 * the one redaction function, so a slip (an error message quoting a header) cannot leak a secret.
 */
import type { Logger } from '../ipc/dispatch';
import { redactText } from './redaction';

export interface AppLogger extends Logger {
  info(message: string, meta?: Record<string, unknown>): void;
}

export type LineSink = (line: string) => void;

export function stderrLogger(scope: string, sink: LineSink = (l) => process.stderr.write(l)): AppLogger {
  const line = (level: string, message: string, meta?: Record<string, unknown>) =>
    sink(
      redactText(
        `${new Date().toISOString()} ${level} [${scope}] ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}`,
      ) + '\n',
    );
  return {
    info: (m, meta) => line('info', m, meta),
    warn: (m, meta) => line('warn', m, meta),
    error: (m, meta) => line('error', m, meta),
  };
}
