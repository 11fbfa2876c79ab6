/**
 * The process-wide list of secret values seen by main (read from or written to the credential
 * store, access tokens received), so that `redactText` also catches free-form secrets that no
 * pattern recognises. Only the redaction function reads the list; it is never logged or sent.
 */
import { redact } from '../../src-shared/auth/redact';

/** Bounded: access tokens arrive every few minutes; the newest stay, the oldest are forgotten. */
const MAX_KNOWN = 500;
const known = new Set<string>();

export function rememberSecret(value: string | null | undefined): void {
  if (!value) return;
  known.delete(value);
  known.add(value);
  if (known.size > MAX_KNOWN) known.delete(known.values().next().value!);
}

export function redactText(text: string): string {
  return redact(text, known);
}

/** Redacts every string inside a JSON-able value (log metadata, error details). */
export function redactValue<T>(value: T): T {
  if (typeof value === 'string') return redactText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactValue(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      out[k] =
        /authorization|secret|password|token$/i.test(k) && typeof v === 'string'
          ? '[REDACTED]'
          : redactValue(v);
    return out as T;
  }
  return value;
}
