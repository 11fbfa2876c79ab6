/** Turns an ingest response into readable words (no DOM; unit-tested). */
import type { IngestSendResponse } from '../../../src-shared/ipc/contract';
import { BizEventIngestResult } from '../../../src-shared/grail/wire';
import { formatDuration } from '../../lib/format';

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
  problems: SendProblem[];
  /** Body text to show when it is not a recognised error shape (capped). */
  rawBody?: string;
}

const RAW_BODY_LIMIT = 4000;

export function summarizeSend(response: IngestSendResponse): SendSummary {
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
