/** Logs to stderr, one line each. Callers pass only user-safe text: never secrets or tokens. */
import type { Logger } from '../ipc/dispatch';

export interface AppLogger extends Logger {
  info(message: string, meta?: Record<string, unknown>): void;
}

export function stderrLogger(scope: string): AppLogger {
  const line = (level: string, message: string, meta?: Record<string, unknown>) =>
    process.stderr.write(
      `${new Date().toISOString()} ${level} [${scope}] ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}\n`,
    );
  return {
    info: (m, meta) => line('info', m, meta),
    warn: (m, meta) => line('warn', m, meta),
    error: (m, meta) => line('error', m, meta),
  };
}
