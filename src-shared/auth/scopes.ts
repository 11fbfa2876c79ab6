/**
 * Which OAuth scopes each feature needs (seed 000 step 1, reference §4.4), the IAM policy
 * statements that grant them (seed 000 step 2), and reading missing scopes out of error texts.
 */

export type Feature = 'readBizevents' | 'readBuckets' | 'writeEvents';

export interface FeatureScope {
  feature: Feature;
  label: string;
  scope: string;
  /** The seed's policy statement that grants this scope. */
  policy: string;
}

export const FEATURE_SCOPES: readonly FeatureScope[] = [
  {
    feature: 'readBizevents',
    label: 'Read business events',
    scope: 'storage:bizevents:read',
    policy: 'ALLOW storage:bizevents:read;',
  },
  {
    feature: 'readBuckets',
    label: 'Read Grail buckets',
    scope: 'storage:buckets:read',
    policy: 'ALLOW storage:buckets:read WHERE storage:table-name = "bizevents";',
  },
  {
    feature: 'writeEvents',
    label: 'Write events (ingest)',
    scope: 'storage:events:write',
    policy: 'ALLOW storage:events:write;',
  },
];

/** The scopes Bizlens asks for by default: exactly the three the seed lists. */
export const DEFAULT_SCOPES: readonly string[] = FEATURE_SCOPES.map((f) => f.scope);

/** Scopes that allow bizevents ingest over OAuth (reference §3.1). */
export const WRITE_SCOPES: readonly string[] = ['storage:events:write', 'openpipeline:bizevents:ingest'];

export const SCOPE_PATTERN = /^[a-z][a-z0-9-]*(?::[a-z0-9.-]+)+$/i;

/** Scopes a query needs from a profile's list: every read scope (minimal scopes per action). */
export function queryScopes(configured: readonly string[]): string[] {
  return configured.filter((s) => !WRITE_SCOPES.includes(s) && !/:write$/.test(s));
}

/** Scopes an ingest needs from a profile's list: its write scope(s) for events. */
export function ingestScopes(configured: readonly string[]): string[] {
  return configured.filter((s) => WRITE_SCOPES.includes(s));
}

/** IAM policy statements granting the given scopes (unknown scopes get a plain ALLOW). */
export function policyFor(scopes: readonly string[]): string[] {
  return scopes.map((s) => FEATURE_SCOPES.find((f) => f.scope === s)?.policy ?? `ALLOW ${s};`);
}

/**
 * Missing scopes named in an OAuth error description. Dynatrace SSO says "…is missing following
 * scopes [a, b]" (dynatrace-mcp PR #18); the sandbox "missing the following scopes: [a]".
 */
export function missingScopesIn(description: string): string[] {
  const m = /missing (?:the )?following scopes:?\s*\[([^\]]*)\]/i.exec(description);
  if (!m) return [];
  return m[1]!
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => SCOPE_PATTERN.test(s));
}
