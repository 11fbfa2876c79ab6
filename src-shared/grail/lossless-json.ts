/**
 * Number-exact JSON for ingest: lossless-json keeps every number as its original lexeme
 * (LosslessNumber), so longs beyond 2^53 and lexemes inside stringified nested objects survive.
 * This wrapper never throws: syntax errors (and stack exhaustion on absurd nesting) become data.
 */
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import type { LosslessNumber } from 'lossless-json';
import { LAST_DUPLICATE_KEY_WINS } from './ingest-rules';

export type JsonParseOutcome =
  { ok: true; value: unknown } | { ok: false; message: string; position?: number };

const MAX_MESSAGE = 200;

export function parseLossless(text: string): JsonParseOutcome {
  try {
    const value = parse(text, null, {
      onDuplicateKey: ({ oldValue, newValue }) => (LAST_DUPLICATE_KEY_WINS ? newValue : oldValue),
    });
    return { ok: true, value };
  } catch (err) {
    if (err instanceof RangeError) return { ok: false, message: 'The JSON document is nested too deeply.' };
    const raw = err instanceof Error ? err.message : String(err);
    const m = /position (\d+)/.exec(raw);
    const message = raw.length > MAX_MESSAGE ? `${raw.slice(0, MAX_MESSAGE)}…` : raw;
    return m ? { ok: false, message, position: Number(m[1]) } : { ok: false, message };
  }
}

/** Compact JSON text of a parsed value, with numbers written as their original lexemes. */
export function stringifyLossless(value: unknown): string {
  try {
    return stringify(value) ?? 'null';
  } catch {
    return 'null';
  }
}

export function asLosslessNumber(value: unknown): LosslessNumber | undefined {
  return isLosslessNumber(value) ? value : undefined;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}
