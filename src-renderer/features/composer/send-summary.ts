/** Turns an ingest response into readable words (no DOM; unit-tested). */
import { MAX_REQUEST_BYTES } from '../../../src-shared/grail/ingest-rules';
import type { AuthKind, IngestSendResponse } from '../../../src-shared/ipc/contract';
import { BizEventIngestResult } from '../../../src-shared/grail/wire';
import { formatBytes, formatDuration, pluralize } from '../../lib/format';

const REASONS: Record<number, string> = {
  200: 'OK',
  202: 'Accepted',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export interface SendProblem {
  /** Position of the event in the payload (0-based), when the server said. */
  index?: number;
  id?: string;
  message: string;
}

export interface SendSummary {
  accepted: boolean;
  /** "202 Accepted · 34 ms" */
  headline: string;
  /** What the status means for this send, in words (what was stored, what to do). */
  explanation?: string;
  problems: SendProblem[];
  /** Body text to show when it is not a recognised error shape (capped). */
  rawBody?: string;
  /** The response body as received (capped), for the "Response body" disclosure. */
  body?: string;
}

/** What the composer knew about the payload it sent; makes the explanation specific. */
export interface SendContext {
  authKind: AuthKind;
  /** UTF-8 size of the body sent. */
  bytes: number;
  /** Events in the payload (array elements, or 1). */
  eventCount: number;
}

const RAW_BODY_LIMIT = 4000;

export function summarizeSend(response: IngestSendResponse, context?: SendContext): SendSummary {
  const summary = summarizeBody(response);
  const explanation = context ? explain(response, context, summary.problems) : undefined;
  if (!context) return summary;
  const body = response.body.trim();
  return {
    ...summary,
    ...(explanation ? { explanation } : {}),
    ...(body ? { body: body.length > RAW_BODY_LIMIT ? `${body.slice(0, RAW_BODY_LIMIT)}…` : body } : {}),
  };
}

function summarizeBody(response: IngestSendResponse): SendSummary {
  const reason = REASONS[response.status];
  const headline = `${response.status}${reason ? ` ${reason}` : ''} · ${formatDuration(response.durationMs)}`;
  const body = response.body.trim();
  if (!body) return { accepted: response.accepted, headline, problems: [] };

  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const ingest = BizEventIngestResult.safeParse(parsed);
  if (ingest.success && ingest.data.errors.length > 0) {
    const problems = ingest.data.errors.map((e) => ({
      ...(e.index !== undefined ? { index: e.index } : {}),
      ...(e.id !== undefined ? { id: e.id } : {}),
      message: e.message ?? e.source ?? 'No message given',
    }));
    return { accepted: response.accepted, headline, problems };
  }
  const generic = genericErrorMessage(parsed);
  if (generic) return { accepted: response.accepted, headline, problems: [{ message: generic }] };
  if (response.accepted) return { accepted: true, headline, problems: [] };
  return {
    accepted: false,
    headline,
    problems: [],
    rawBody: body.length > RAW_BODY_LIMIT ? `${body.slice(0, RAW_BODY_LIMIT)}…` : body,
  };
}

/** Dynatrace's generic `{ error: { code, message, constraintViolations? } }` envelope. */
function genericErrorMessage(parsed: unknown): string | undefined {
  if (!isObject(parsed) || !isObject(parsed.error)) return undefined;
  const { message, constraintViolations } = parsed.error;
  if (typeof message !== 'string') return undefined;
  if (!Array.isArray(constraintViolations) || constraintViolations.length === 0) return message;
  const details = constraintViolations
    .filter(isObject)
    .map((v) => [v.path, v.message].filter((s) => typeof s === 'string' && s).join(': '))
    .filter(Boolean);
  return details.length ? `${message} — ${details.join('; ')}` : message;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The scope a credential needs to ingest bizevents (reference §3.1). */
export function ingestScopeHint(authKind: AuthKind): string {
  return authKind === 'apiToken'
    ? 'An API token needs the scope bizevents.ingest ("Ingest bizevents").'
    : `The ${authKind === 'oauth' ? 'OAuth client' : 'platform token'} needs the scope storage:events:write (or openpipeline:bizevents:ingest).`;
}

function explain(
  response: IngestSendResponse,
  ctx: SendContext,
  problems: SendProblem[],
): string | undefined {
  const retry =
    response.retryAfterSeconds !== undefined
      ? `Retry after ${response.retryAfterSeconds} s (the server's Retry-After).`
      : 'Retry in a few seconds.';
  switch (response.status) {
    case 202:
      return ctx.eventCount === 1
        ? 'The event was accepted and will be stored.'
        : `All ${pluralize(ctx.eventCount, 'event')} accepted and will be stored.`;
    case 400: {
      const rejected = new Set(problems.flatMap((p) => (p.index === undefined ? [] : [p.index]))).size;
      if (rejected === 0) return 'The request was rejected as a whole: nothing was stored.';
      const stored = Math.max(ctx.eventCount - rejected, 0);
      return `Partial success: ${pluralize(stored, 'valid event')} stored, ${rejected} rejected (marked in the payload).`;
    }
    case 401:
      return `The credential was not accepted (missing, expired or revoked): nothing was stored. ${ingestScopeHint(ctx.authKind)}`;
    case 403:
      return `The credential lacks permission to ingest: nothing was stored. ${ingestScopeHint(ctx.authKind)}`;
    case 413:
      return `The payload (${formatBytes(ctx.bytes)}) is over the ${formatBytes(MAX_REQUEST_BYTES)} per-request limit: nothing was stored. Split it into smaller batches.`;
    case 415:
      return 'The content type was not accepted: use application/json, a CloudEvent or a CloudEvents batch type.';
    case 429:
      return `Too many requests: nothing was stored. ${retry}`;
    case 503:
      return `The service is temporarily unavailable: nothing was stored. ${retry}`;
    default:
      return response.status >= 500
        ? `Server error: the events may not have been stored. ${retry}`
        : undefined;
  }
}
