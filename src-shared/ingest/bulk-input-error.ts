import { describePosition } from './source-position';
import type { SourcePosition } from './source-position';

/** Bad bulk input: says what and where (line/column, or row for CSV); the job sends nothing. */
export class BulkInputError extends Error {
  constructor(
    readonly reason: string,
    readonly position?: SourcePosition,
  ) {
    super(position ? `${describePosition(position)}: ${reason}` : reason);
    this.name = 'BulkInputError';
  }
}
