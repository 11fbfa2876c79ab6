/**
 * IPC domain: saving a loaded result as Parquet. The renderer streams the records it already has
 * (NDJSON parts, so progress can be shown and no single message is huge); main converts them with
 * DuckDB, typed by the result's wire types, and saves through a save dialog (desktop) or returns
 * the file's bytes for a browser download (web edition).
 */
import { z } from 'zod';
import { ResultRecord, WIRE_FIELD_TYPES } from '../../grail/wire';
import { Id } from './common';

export const ExportColumn = z.object({
  name: z.string().min(1).max(1000),
  /** The column's wire type; 'mixed' when buckets disagree; absent when untyped. */
  type: z.enum([...WIRE_FIELD_TYPES, 'mixed']).optional(),
});
export type ExportColumn = z.infer<typeof ExportColumn>;

/** Parts are NDJSON of whole records; 64 MB caps one message. */
export const ParquetChunkRequest = z.object({ exportId: Id, ndjson: z.string().max(64 * 1024 * 1024) });

export const ParquetFinishRequest = z.object({
  exportId: Id,
  columns: z.array(ExportColumn).min(1).max(10_000),
  fileName: z
    .string()
    .min(1)
    .max(200)
    .regex(/^[^/\\\0]+\.parquet$/, 'a plain file name ending in .parquet'),
});

export const ParquetFinishResponse = z.union([
  z.object({ kind: z.literal('saved'), path: z.string(), bytes: z.number().int().nonnegative() }),
  z.object({ kind: z.literal('cancelled') }),
  /** The web edition: the file's bytes, base64, for a browser download. */
  z.object({ kind: z.literal('download'), base64: z.string() }),
]);
export type ParquetFinishResponse = z.infer<typeof ParquetFinishResponse>;

export const resultCalls = {
  'results:parquetBegin': { request: z.object({}).strict(), response: z.object({ exportId: Id }) },
  'results:parquetChunk': {
    request: ParquetChunkRequest,
    response: z.object({ records: z.number().int().nonnegative() }),
  },
  'results:parquetFinish': { request: ParquetFinishRequest, response: ParquetFinishResponse },
  'results:parquetAbort': { request: z.object({ exportId: Id }), response: z.object({}) },
  /** The next records of a paged query result (`QueryOutcome.more`). */
  'results:page': {
    request: z.object({
      pageId: Id,
      offset: z.number().int().nonnegative(),
      limit: z.number().int().positive().max(100_000),
    }),
    response: z.object({ records: z.array(ResultRecord.nullable()), done: z.boolean() }),
  },
  'results:release': { request: z.object({ pageId: Id }), response: z.object({}) },
};
