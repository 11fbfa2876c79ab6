/**
 * Well-known development credentials, used when the sandbox is started without any (like Azurite's
 * well-known account key). They are public by design and only ever valid against a local sandbox:
 * obviously fake, uppercase, and in the real token formats so format checks in clients pass.
 */

/** Every scope a Bizlens user could need against the sandbox (reference §4.4). */
export const SANDBOX_SCOPES: readonly string[] = [
  'storage:bizevents:read',
  'storage:buckets:read',
  'storage:events:write',
  'openpipeline:bizevents:ingest',
  'storage:events:read',
  'storage:logs:read',
  'storage:spans:read',
  'storage:metrics:read',
  'storage:entities:read',
  'storage:smartscape:read',
  'storage:system:read',
  'storage:security.events:read',
  'storage:application.snapshots:read',
  'storage:user.events:read',
  'storage:user.sessions:read',
  'storage:user.replays:read',
  'storage:files:read',
  'storage:fieldsets:read',
  'storage:fieldset-definitions:read',
  'storage:filter-segments:read',
  'storage:bucket-definitions:read',
];

/** OAuth client id: `dt0s02.` + 8 characters, like Account Management client ids. */
export const DEV_CLIENT_ID = 'dt0s02.SANDBOX1';
/** OAuth client secret: `<client id>.` + 64 characters. */
export const DEV_CLIENT_SECRET = `${DEV_CLIENT_ID}.SANDBOXDEVONLYCLIENTSECRETNOTASECRETDONOTUSEINPRODUCTION00000000`;

/** Classic API token (`Api-Token` scheme) with `bizevents.ingest`: dt0c01.<24>.<64>. */
export const DEV_API_TOKEN_PUBLIC = 'dt0c01.SANDBOXDEVAPITOKEN000000';
export const DEV_API_TOKEN = `${DEV_API_TOKEN_PUBLIC}.SANDBOXDEVONLYAPITOKENSECRETNOTASECRETDONOTUSEINPRODUCTION000000`;

/** The account URN the sandbox's token endpoint reports as `resource`. */
export const SANDBOX_ACCOUNT_URN = 'urn:dtaccount:00000000-0000-4000-8000-5a4db0c0ffee';

export interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  scopes: string[];
}

export interface ApiTokenCredentials {
  token: string;
  scopes: string[];
}

export const DEV_CLIENT: ClientCredentials = {
  clientId: DEV_CLIENT_ID,
  clientSecret: DEV_CLIENT_SECRET,
  scopes: [...SANDBOX_SCOPES],
};
export const DEV_API_TOKEN_CREDENTIALS: ApiTokenCredentials = {
  token: DEV_API_TOKEN,
  scopes: ['bizevents.ingest'],
};

/** `prefix.public` part of a `prefix.public.secret` token: safe to log and show. */
export function tokenIdentifier(token: string): string {
  const parts = token.split('.');
  return parts.length >= 2 ? `${parts[0]}.${parts[1]}` : '(malformed token)';
}
