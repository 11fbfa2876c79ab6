/**
 * Errors cross process boundaries as plain data with a stable code. Messages are user-safe:
 * they never carry secrets, tokens or full URLs with query strings.
 */
import { z } from 'zod';

export const AppErrorData = z.object({
  code: z.string(),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
  retryable: z.boolean().optional(),
});
export type AppErrorData = z.infer<typeof AppErrorData>;

export class AppError extends Error {
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;
  readonly retryable: boolean;

  constructor(code: string, message: string, details?: Record<string, unknown>, retryable = false) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
    this.retryable = retryable;
  }

  toData(): AppErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...(this.retryable ? { retryable: true } : {}),
    };
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, data.details, data.retryable ?? false);
  }
}

/** Anything thrown becomes AppError data; unknown errors get a generic message so internals never leak. */
export function toErrorData(err: unknown): AppErrorData {
  if (err instanceof AppError) return err.toData();
  if (err instanceof z.ZodError) {
    return {
      code: 'INVALID_REQUEST',
      message: err.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`)
        .join('; '),
    };
  }
  if (err instanceof Error && err.name === 'AbortError') {
    return { code: 'CANCELLED', message: 'The operation was cancelled.' };
  }
  return { code: 'INTERNAL', message: 'An unexpected error occurred. See the application log for details.' };
}
