/**
 * Grail Query API wire shapes (/platform/storage/query/v1), as zod schemas so that main can
 * validate what a tenant (or the sandbox) answers. Field names follow @dynatrace-sdk/client-query;
 * test/unit/src-shared/grail/wire-sdk-compat.test.ts checks the derived types against the SDK's.
 */
import { z } from 'zod';

export const QUERY_STATES = [
  'NOT_STARTED',
  'RUNNING',
  'SUCCEEDED',
  'RESULT_GONE',
  'CANCELLED',
  'FAILED',
] as const;
export const QueryState = z.enum(QUERY_STATES);
export type QueryState = z.infer<typeof QueryState>;

export const WIRE_FIELD_TYPES = [
  'boolean',
  'string',
  'double',
  'long',
  'timestamp',
  'timeframe',
  'duration',
  'binary',
  'ip_address',
  'geo_point',
  'array',
  'record',
  'uid',
  'smartscape_id',
  'undefined',
] as const;
export type WireFieldTypeName = (typeof WIRE_FIELD_TYPES)[number];

export interface FieldType {
  type: WireFieldTypeName;
  types?: RangedFieldTypes[];
}
export interface RangedFieldTypes {
  indexRange?: [number, number];
  mappings: Record<string, FieldType>;
}

export const FieldType: z.ZodType<FieldType> = z.lazy(() =>
  z.object({
    type: z.enum(WIRE_FIELD_TYPES),
    types: z.array(RangedFieldTypes).optional(),
  }),
);
export const RangedFieldTypes: z.ZodType<RangedFieldTypes> = z.lazy(() =>
  z.object({
    indexRange: z.tuple([z.number().int(), z.number().int()]).optional(),
    mappings: z.record(z.string(), FieldType),
  }),
);

export const TokenPosition = z.object({
  start: z.object({ index: z.number(), line: z.number(), column: z.number() }),
  end: z.object({ index: z.number(), line: z.number(), column: z.number() }),
});
export type TokenPosition = z.infer<typeof TokenPosition>;

export const MetadataNotification = z.object({
  severity: z.string().optional(),
  notificationType: z.string().optional(),
  message: z.string().optional(),
  messageFormat: z.string().optional(),
  arguments: z.array(z.string()).optional(),
  messageFormatSpecifierTypes: z.array(z.string()).optional(),
  syntaxPosition: TokenPosition.optional(),
});
export type MetadataNotification = z.infer<typeof MetadataNotification>;

export const Timeframe = z.object({ start: z.string().optional(), end: z.string().optional() });

export const GrailMetadata = z.object({
  analysisTimeframe: Timeframe.optional(),
  canonicalQuery: z.string().optional(),
  dqlVersion: z.string().optional(),
  executionTimeMilliseconds: z.number().optional(),
  locale: z.string().optional(),
  notifications: z.array(MetadataNotification).optional(),
  query: z.string().optional(),
  queryId: z.string().optional(),
  sampled: z.boolean().optional(),
  scannedBytes: z.number().optional(),
  scannedDataPoints: z.number().optional(),
  scannedRecords: z.number().optional(),
  timezone: z.string().optional(),
  contributions: z
    .object({
      buckets: z
        .array(
          z.object({
            name: z.string().optional(),
            table: z.string().optional(),
            scannedBytes: z.number().optional(),
            matchedRecordsRatio: z.number().optional(),
          }),
        )
        .optional(),
    })
    .optional(),
});
export type GrailMetadata = z.infer<typeof GrailMetadata>;

export const ResultRecord = z.record(z.string(), z.unknown());
export type ResultRecord = z.infer<typeof ResultRecord>;

export const QueryResult = z.object({
  records: z.array(ResultRecord.nullable()),
  types: z.array(RangedFieldTypes),
  metadata: z.object({ grail: GrailMetadata.optional(), metrics: z.array(z.unknown()).optional() }),
});
export type QueryResult = z.infer<typeof QueryResult>;

export const QueryStartResponse = z.object({
  state: QueryState,
  requestToken: z.string().optional(),
  ttlSeconds: z.number().optional(),
  progress: z.number().optional(),
  result: QueryResult.optional(),
});
export type QueryStartResponse = z.infer<typeof QueryStartResponse>;

export const QueryPollResponse = QueryStartResponse.omit({ requestToken: true });
export type QueryPollResponse = z.infer<typeof QueryPollResponse>;

export const ExecuteRequest = z.object({
  query: z.string(),
  defaultTimeframeStart: z.string().optional(),
  defaultTimeframeEnd: z.string().optional(),
  timezone: z.string().optional(),
  locale: z.string().optional(),
  maxResultRecords: z.number().optional(),
  maxResultBytes: z.number().optional(),
  fetchTimeoutSeconds: z.number().optional(),
  requestTimeoutMilliseconds: z.number().optional(),
  enablePreview: z.boolean().optional(),
  defaultSamplingRatio: z.number().optional(),
  defaultScanLimitGbytes: z.number().optional(),
  queryOptions: z.record(z.string(), z.string()).optional(),
  filterSegments: z
    .array(
      z.object({
        id: z.string(),
        variables: z.array(z.object({ name: z.string(), values: z.array(z.string()) })).optional(),
      }),
    )
    .optional(),
  enforceQueryConsumptionLimit: z.boolean().optional(),
  includeTypes: z.boolean().optional(),
  includeContributions: z.boolean().optional(),
});
export type ExecuteRequest = z.infer<typeof ExecuteRequest>;

/** Query API ErrorEnvelope (the details the app shows: type, message, position). */
export const QueryErrorEnvelope = z.object({
  error: z.object({
    code: z.number(),
    message: z.string(),
    retryAfterSeconds: z.number().optional(),
    details: z
      .object({
        errorType: z.string().optional(),
        exceptionType: z.string().optional(),
        errorMessage: z.string().optional(),
        errorMessageFormat: z.string().optional(),
        errorMessageFormatSpecifierTypes: z.array(z.string()).optional(),
        arguments: z.array(z.string()).optional(),
        queryString: z.string().optional(),
        queryId: z.string().optional(),
        syntaxErrorPosition: TokenPosition.optional(),
        missingScopes: z.array(z.string()).optional(),
        missingPermissions: z.array(z.string()).optional(),
      })
      .passthrough()
      .optional(),
  }),
});
export type QueryErrorEnvelope = z.infer<typeof QueryErrorEnvelope>;

/** Bizevents ingest 400/413/429/503 body. */
export const BizEventIngestResult = z.object({
  errors: z.array(
    z.object({
      id: z.string().optional(),
      index: z.number().optional(),
      message: z.string().optional(),
      source: z.string().optional(),
    }),
  ),
});
export type BizEventIngestResult = z.infer<typeof BizEventIngestResult>;

export const INGEST_CONTENT_TYPES = [
  'application/json',
  'application/cloudevent+json',
  'application/cloudevents+json',
  'application/cloudevent-batch+json',
  'application/cloudevents-batch+json',
] as const;
export type IngestContentType = (typeof INGEST_CONTENT_TYPES)[number];
