/** IPC domain: environment profiles, diagnostics and the platform API console. */
import { z } from 'zod';
import { Empty, Id } from './common';

export const AuthKind = z.enum(['oauth', 'apiToken', 'platformToken']);
export type AuthKind = z.infer<typeof AuthKind>;
export const LabelColor = z.enum(['gray', 'blue', 'green', 'yellow', 'orange', 'red', 'purple']);
export type LabelColor = z.infer<typeof LabelColor>;
/** production: writes ask for confirmation; read-only: writes are refused (enforced in main). */
export const SafetyLevel = z.enum(['normal', 'production', 'read-only']);
export type SafetyLevel = z.infer<typeof SafetyLevel>;

export const EnvironmentSummary = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['sandbox', 'tenant']),
  /** Base URL without credentials or query string. */
  url: z.string(),
  authKind: AuthKind,
  secretConfigured: z.boolean(),
  status: z.enum(['ready', 'starting', 'needs-secret', 'error']),
  statusMessage: z.string().optional(),
  color: LabelColor.optional(),
  safety: SafetyLevel.optional(),
  /** `prefix.public` of the stored secret, when it has the documented format. */
  tokenIdentifier: z.string().optional(),
  /** When the cached OAuth access token expires (epoch ms), if one is cached. */
  tokenExpiresAt: z.number().optional(),
});
export type EnvironmentSummary = z.infer<typeof EnvironmentSummary>;

export const EnvironmentList = z.object({
  environments: z.array(EnvironmentSummary),
  selectedId: Id.nullable(),
});
export type EnvironmentList = z.infer<typeof EnvironmentList>;

/** What the form shows about a custom CA certificate (never secret). */
export const CaCertificateInfo = z.object({
  subject: z.string(),
  issuer: z.string(),
  validFrom: z.string(),
  validTo: z.string(),
  expired: z.boolean(),
  isCa: z.boolean(),
  sha256: z.string(),
});
export type CaCertificateInfo = z.infer<typeof CaCertificateInfo>;

/** A profile as the user edits it. The secret is write-only: it is never part of any response. */
export const ProfileDraft = z
  .object({
    /** Absent when adding a new profile. */
    id: Id.optional(),
    name: z.string().trim().min(1, 'Enter a name.').max(200),
    url: z.string().max(2048),
    authKind: AuthKind,
    clientId: z.string().trim().max(200).optional(),
    scopes: z.array(z.string().max(200)).max(100).optional(),
    resource: z.string().trim().max(200).optional(),
    tokenUrl: z.string().trim().max(2048).optional(),
    /** PEM of extra CA certificates for this environment's TLS (not secret); absent or '' means none. */
    caCertificate: z
      .string()
      .max(64 * 1024)
      .optional(),
    color: LabelColor,
    safety: SafetyLevel,
    /** New secret (client secret, API token or platform token); absent keeps the stored one. */
    secret: z.string().max(4096).optional(),
  })
  .strict();
export type ProfileDraft = z.infer<typeof ProfileDraft>;

export const ProfileView = z.object({
  id: Id,
  name: z.string(),
  kind: z.enum(['sandbox', 'tenant']),
  url: z.string(),
  authKind: AuthKind,
  clientId: z.string().optional(),
  scopes: z.array(z.string()),
  resource: z.string().optional(),
  tokenUrl: z.string().optional(),
  /** Extra CA certificates (PEM) trusted for this environment, with what they are. */
  caCertificate: z.string().optional(),
  caCertificates: z.array(CaCertificateInfo),
  color: LabelColor,
  safety: SafetyLevel,
  /** All the renderer ever learns about a secret. */
  secret: z.object({ configured: z.boolean(), tokenIdentifier: z.string().nullable() }),
  derived: z.object({
    kind: z.enum(['saas', 'managed', 'custom']),
    classicBase: z.string(),
    platformBase: z.string().nullable(),
  }),
});
export type ProfileView = z.infer<typeof ProfileView>;

export const CheckStatus = z.enum(['ok', 'warn', 'fail', 'skip']);
export type CheckStatus = z.infer<typeof CheckStatus>;

export const DiagnosticCheck = z.object({
  id: z.string(),
  label: z.string(),
  status: CheckStatus,
  message: z.string(),
  durationMs: z.number().optional(),
});
export type DiagnosticCheck = z.infer<typeof DiagnosticCheck>;

export const ScopeFinding = z.object({
  feature: z.string(),
  label: z.string(),
  scope: z.string(),
  status: z.enum(['granted', 'missing', 'not-requested', 'unknown']),
});
export type ScopeFinding = z.infer<typeof ScopeFinding>;

export const DiagnosticsReport = z.object({
  environmentId: Id,
  checks: z.array(DiagnosticCheck),
  scopes: z.array(ScopeFinding),
  missingScopes: z.array(z.string()),
  /** IAM policy statements that would grant what is missing (seed 000 step 2). */
  policy: z.array(z.string()),
  clockSkewSeconds: z.number().nullable(),
  proxy: z.string().nullable(),
  /** Plain-text report for a ticket, redacted. */
  report: z.string(),
});
export type DiagnosticsReport = z.infer<typeof DiagnosticsReport>;

/** Platform API console (seed 001): any platform or classic API path of the selected environment. */
export const ConsoleRequest = z
  .object({
    environmentId: Id,
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
    /** Path (and query) below the environment, e.g. /platform/app-engine/app-functions/v1/apps/<app>/api/<fn>. */
    path: z.string().min(1).max(4096),
    body: z
      .string()
      .max(1024 * 1024)
      .optional(),
    contentType: z.string().max(200).optional(),
    /** The user confirmed a write to a production environment. */
    confirmProduction: z.literal(true).optional(),
  })
  .strict();
export type ConsoleRequest = z.infer<typeof ConsoleRequest>;

export const ConsoleResponse = z.object({
  status: z.number().int(),
  /** Response headers; credentials and cookies redacted. */
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string(),
  truncated: z.boolean(),
  durationMs: z.number(),
  /** The same call as curl, with placeholders instead of the secret. */
  curl: z.string(),
});
export type ConsoleResponse = z.infer<typeof ConsoleResponse>;

const EnvironmentRef = z.object({ id: Id }).strict();

export const environmentCalls = {
  'environments:list': { request: Empty, response: EnvironmentList },
  'environments:get': { request: EnvironmentRef, response: ProfileView },
  'environments:save': { request: ProfileDraft, response: ProfileView },
  'environments:remove': { request: EnvironmentRef, response: EnvironmentList },
  'environments:select': { request: EnvironmentRef, response: EnvironmentList },
  'environments:resetSecret': {
    request: z.object({ id: Id, what: z.enum(['secret', 'token']) }).strict(),
    response: ProfileView,
  },
  'environments:export': {
    request: Empty,
    response: z.object({ text: z.string(), count: z.number().int() }),
  },
  'environments:import': {
    request: z.object({ text: z.string().max(1_000_000) }).strict(),
    response: z.object({
      imported: z.array(z.object({ id: Id, name: z.string() })),
      skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
    }),
  },
  'environments:test': { request: EnvironmentRef, response: DiagnosticsReport },
  'console:call': { request: ConsoleRequest, response: ConsoleResponse },
} as const;

export const environmentEvents = {
  'environments:changed': EnvironmentList,
} as const;
