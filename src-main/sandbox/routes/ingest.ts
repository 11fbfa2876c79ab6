/**
 * Bizevents ingest (reference §3): `POST /api/v2/bizevents/ingest` (Api-Token with
 * bizevents.ingest, or Bearer) and `POST /platform/classic/environment-api/v2/bizevents/ingest`
 * (Bearer only). Order of checks: auth (401/403) → content type (415) → size (413, sent once the client has sent the body, which is dropped) →
 * parse (400, nothing stored) → store valid events → 202, or 400 listing the rejected ones.
 * The response is sent only after the store committed: an acknowledged event is never lost.
 */
import { classifyContentType } from '../../../src-shared/grail/ingest-rules';
import { environmentError, ingestErrors } from '../envelopes';
import { contentType, drainBody, readBody, sendEmpty, sendJson } from '../http-util';
import type { RequestContext } from '../http-util';
import { authenticate } from '../request-auth';
import { nowSeconds } from '../sandbox-deps';
import type { SandboxDeps } from '../sandbox-deps';

/** "The Business events API limits payload size to 5 MB per request" — 5 MiB per the SDK. */
export const MAX_INGEST_BYTES = 5 * 1024 * 1024;

const API_TOKEN_SCOPE = 'bizevents.ingest';
const OAUTH_SCOPES = ['storage:events:write', 'openpipeline:bizevents:ingest'];

export async function handleIngest(
  ctx: RequestContext,
  deps: SandboxDeps,
  variant: 'classic' | 'platform',
): Promise<void> {
  const auth = authenticate(
    ctx.req,
    { tokens: deps.tokens, apiTokens: deps.apiTokens, nowSeconds: () => nowSeconds(deps) },
    variant === 'classic',
  );
  if (!auth.ok) return sendJson(ctx, auth.status, environmentError(auth.status, auth.message));
  const { principal } = auth;
  if (principal.kind === 'apiToken' && !principal.scopes.has(API_TOKEN_SCOPE)) {
    return sendJson(
      ctx,
      403,
      environmentError(
        403,
        `Token is missing required scope. Use one of: ${API_TOKEN_SCOPE} (Ingest bizevents)`,
      ),
    );
  }
  if (principal.kind === 'oauth' && !OAUTH_SCOPES.some((s) => principal.scopes.has(s))) {
    return sendJson(
      ctx,
      403,
      environmentError(403, `Missing scopes. The access token needs one of: ${OAUTH_SCOPES.join(', ')}.`),
    );
  }

  const ct = contentType(ctx.req);
  if (!classifyContentType(ct)) {
    return sendJson(
      ctx,
      415,
      environmentError(
        415,
        'Unsupported content type. Use application/json, application/cloudevent+json or application/cloudevent-batch+json.',
      ),
    );
  }

  const body = await readBody(ctx.req, MAX_INGEST_BYTES);
  if (!body.ok) {
    if (body.reason === 'aborted') return;
    await drainBody(ctx.req); // the client reads the 413 only once it has stopped writing
    return sendJson(
      ctx,
      413,
      ingestErrors([
        { message: `Content too large: the maximum payload size is ${MAX_INGEST_BYTES} bytes (5 MiB).` },
      ]),
    );
  }
  // Decoded where it is flattened: for a large body, in the flatten worker (flatten-pool.ts).
  const ingestNs = deps.now();
  const outcome = await deps.flattener.flatten(body.body, ct ?? '', ingestNs);
  if (!outcome.ok) return sendJson(ctx, 400, ingestErrors([{ message: outcome.error.message }]));

  await deps.store.appendBatch(outcome.batch);
  if (outcome.rejected.length === 0) return sendEmpty(ctx, 202);
  sendJson(
    ctx,
    400,
    ingestErrors(
      outcome.rejected.map((r) => ({
        index: r.index,
        message: r.message,
        ...(r.id !== undefined ? { id: r.id } : {}),
        ...(r.source !== undefined ? { source: r.source } : {}),
      })),
    ),
  );
}
