/** Which Content-Type a payload wants, judged from its shape (the composer's auto-detection). */
import type { IngestContentType } from './wire';

/** Registered CloudEvents media types (IANA); Dynatrace also accepts the singular spellings. */
export const CLOUDEVENT_TYPE: IngestContentType = 'application/cloudevents+json';
export const CLOUDEVENT_BATCH_TYPE: IngestContentType = 'application/cloudevents-batch+json';

/**
 * An object with `specversion` is a CloudEvent; a non-empty array of only such objects is a
 * CloudEvents batch; anything else (including text that is not JSON yet) is pure JSON.
 */
export function detectContentType(text: string): IngestContentType {
  const first = firstSignificantChar(text);
  if (first !== '{' && first !== '[') return 'application/json';
  let parsed: unknown;
  try {
    // The engine's own parser is the fastest way to a shape; numbers do not matter here. A leading
    // byte order mark, which ingest tolerates (flatten.ts), is not JSON to JSON.parse.
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return 'application/json';
  }
  if (isCloudEvent(parsed)) return CLOUDEVENT_TYPE;
  if (Array.isArray(parsed) && parsed.length > 0 && parsed.every(isCloudEvent)) return CLOUDEVENT_BATCH_TYPE;
  return 'application/json';
}

function isCloudEvent(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'specversion' in v;
}

function firstSignificantChar(text: string): string | undefined {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t' && c !== '\uFEFF') return c;
  }
  return undefined;
}
