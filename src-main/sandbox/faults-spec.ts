/**
 * The fault-injection spec of the sandbox (`--faults` and the app setting): comma-separated
 * `key=value` items, e.g. `429=0.1,503=0.05,latency=50-200,tokenTtl=30,seed=42,retryAfter=2`.
 * - `429`, `503`: share of ingest/query requests answered with that status (0..1, together ≤ 1)
 * - `latency`: added delay in ms, `N` or `MIN-MAX` (uniform, inclusive; ≤ 60000)
 * - `tokenTtl`: SSO access tokens stop working this many seconds after issue (1..300)
 * - `retryAfter`: seconds sent in the 429's `Retry-After` header (default 1)
 * - `seed`: integer seed of the decision sequence (default 1), so a run can be replayed
 * Errors name the 1-based column of the offending item.
 */
import { z } from 'zod';

export interface FaultSpec {
  readonly rate429: number;
  readonly rate503: number;
  readonly latencyMs: { readonly min: number; readonly max: number };
  readonly tokenTtlSeconds?: number;
  readonly retryAfterSeconds: number;
  readonly seed: number;
}

export class FaultSpecError extends Error {
  constructor(
    message: string,
    /** 1-based column in the spec text. */
    readonly column: number,
  ) {
    super(`Fault spec, column ${column}: ${message}`);
    this.name = 'FaultSpecError';
  }
}

const share = z.coerce.number().min(0).max(1);
const intIn = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const VALUE_RULES = {
  '429': { schema: share, expects: 'a share from 0 to 1' },
  '503': { schema: share, expects: 'a share from 0 to 1' },
  tokenTtl: { schema: intIn(1, 300), expects: 'whole seconds from 1 to 300' },
  retryAfter: { schema: intIn(0, 3600), expects: 'whole seconds from 0 to 3600' },
  seed: { schema: intIn(0, 2 ** 32 - 1), expects: 'an integer from 0 to 4294967295' },
} as const;
const KEYS = [...Object.keys(VALUE_RULES), 'latency'];
const MAX_LATENCY_MS = 60_000;

export const NO_FAULTS: FaultSpec = {
  rate429: 0,
  rate503: 0,
  latencyMs: { min: 0, max: 0 },
  retryAfterSeconds: 1,
  seed: 1,
};

/** True when the spec changes nothing (the default). */
export function isInert(spec: FaultSpec): boolean {
  return (
    spec.rate429 === 0 && spec.rate503 === 0 && spec.latencyMs.max === 0 && spec.tokenTtlSeconds === undefined
  );
}

export function parseFaultSpec(text: string): FaultSpec {
  if (text.length > 500) throw new FaultSpecError('the spec is longer than 500 characters', 501);
  const out: {
    -readonly [K in keyof FaultSpec]: FaultSpec[K];
  } = { ...NO_FAULTS, latencyMs: { ...NO_FAULTS.latencyMs } };
  const seen = new Set<string>();
  let offset = 0;
  for (const raw of text.split(',')) {
    const column = offset + 1 + (raw.length - raw.trimStart().length);
    offset += raw.length + 1;
    const item = raw.trim();
    if (item === '') {
      if (text.trim() === '') break; // an empty spec means no faults
      throw new FaultSpecError('empty item (two commas in a row, or a trailing comma)', column);
    }
    const eq = item.indexOf('=');
    if (eq < 0) throw new FaultSpecError(`'${clip(item)}' needs the form key=value`, column);
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    const valueColumn = column + eq + 1;
    if (!KEYS.includes(key))
      throw new FaultSpecError(`unknown key '${clip(key)}' (known: ${KEYS.join(', ')})`, column);
    if (seen.has(key)) throw new FaultSpecError(`'${key}' is given twice`, column);
    seen.add(key);
    if (key === 'latency') {
      out.latencyMs = parseLatency(value, valueColumn);
      continue;
    }
    const rule = VALUE_RULES[key as keyof typeof VALUE_RULES];
    const parsed = value === '' ? undefined : rule.schema.safeParse(value);
    if (!parsed?.success)
      throw new FaultSpecError(`'${key}' expects ${rule.expects}, got '${clip(value)}'`, valueColumn);
    const n = parsed.data;
    if (key === '429') out.rate429 = n;
    else if (key === '503') out.rate503 = n;
    else if (key === 'tokenTtl') out.tokenTtlSeconds = n;
    else if (key === 'retryAfter') out.retryAfterSeconds = n;
    else out.seed = n;
  }
  if (out.rate429 + out.rate503 > 1 + 1e-9)
    throw new FaultSpecError('the shares of 429 and 503 add up to more than 1', 1);
  return out;
}

function parseLatency(value: string, column: number): { min: number; max: number } {
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(value);
  const min = Number(m?.[1]);
  const max = m?.[2] === undefined ? min : Number(m[2]);
  if (!m || max > MAX_LATENCY_MS)
    throw new FaultSpecError(
      `'latency' expects milliseconds N or MIN-MAX up to ${MAX_LATENCY_MS}, got '${clip(value)}'`,
      column,
    );
  if (min > max) throw new FaultSpecError(`'latency' minimum ${min} is above its maximum ${max}`, column);
  return { min, max };
}

/** Spec values are echoed in errors only clipped: the text is user input of arbitrary length. */
function clip(s: string): string {
  return s.length > 24 ? `${s.slice(0, 24)}…` : s;
}

/** Canonical text of a spec (what the CLI and the app show back). */
export function formatFaultSpec(spec: FaultSpec): string {
  const parts: string[] = [];
  if (spec.rate429) parts.push(`429=${spec.rate429}`);
  if (spec.rate503) parts.push(`503=${spec.rate503}`);
  if (spec.latencyMs.max)
    parts.push(
      spec.latencyMs.min === spec.latencyMs.max
        ? `latency=${spec.latencyMs.max}`
        : `latency=${spec.latencyMs.min}-${spec.latencyMs.max}`,
    );
  if (spec.tokenTtlSeconds !== undefined) parts.push(`tokenTtl=${spec.tokenTtlSeconds}`);
  if (spec.retryAfterSeconds !== NO_FAULTS.retryAfterSeconds)
    parts.push(`retryAfter=${spec.retryAfterSeconds}`);
  parts.push(`seed=${spec.seed}`);
  return parts.join(',');
}
