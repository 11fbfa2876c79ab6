/**
 * What every Query API route does with a request before its own work: Bearer authentication, a
 * JSON body read within a size limit and validated with zod, and the 400 `INVALID_REQUEST`
 * envelope with constraint violations — so execute, verify, parse and autocomplete fail alike.
 */
import type { z } from 'zod';
import { queryApiError } from '../envelopes';
import { isJsonContentType, readBody, sendJson } from '../http-util';
import type { RequestContext } from '../http-util';
import { authenticate } from '../request-auth';
import type { Principal } from '../request-auth';
import { nowSeconds } from '../sandbox-deps';
import type { SandboxDeps } from '../sandbox-deps';

export const MAX_BODY = 1024 * 1024;

export interface Violation {
  message: string;
  parameterDescriptor: string;
  parameterLocation: string;
}

export function badRequest(ctx: RequestContext, message: string, violations: Violation[] = []): void {
  sendJson(
    ctx,
    400,
    queryApiError(400, message, {
      errorType: 'INVALID_REQUEST',
      errorMessage: message,
      ...(violations.length ? { constraintViolations: violations } : {}),
    }),
  );
}

/** Bearer only (platform API); answers 401 itself and returns undefined when not authenticated. */
export function authorize(ctx: RequestContext, deps: SandboxDeps): Principal | undefined {
  const auth = authenticate(
    ctx.req,
    { tokens: deps.tokens, apiTokens: deps.apiTokens, nowSeconds: () => nowSeconds(deps) },
    false,
  );
  if (auth.ok) return auth.principal;
  sendJson(ctx, auth.status, queryApiError(auth.status, auth.message));
  return undefined;
}

/** The validated JSON body, or undefined after answering 415/413/400. */
export async function readJsonBody<S extends z.ZodType>(
  ctx: RequestContext,
  schema: S,
): Promise<z.infer<S> | undefined> {
  if (!isJsonContentType(ctx.req.headers['content-type'])) {
    sendJson(ctx, 415, queryApiError(415, 'The request body must be application/json.'));
    return undefined;
  }
  const body = await readBody(ctx.req, MAX_BODY);
  if (!body.ok) {
    if (body.reason === 'too-large')
      sendJson(ctx, 413, queryApiError(413, `The request body exceeds ${MAX_BODY} bytes.`));
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(body.body.toString('utf8'));
  } catch {
    badRequest(ctx, 'The request body is not valid JSON.');
    return undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const violations = parsed.error.issues.slice(0, 10).map((i) => ({
      message: i.message,
      parameterDescriptor: i.path.join('.') || 'body',
      parameterLocation: 'PAYLOAD_BODY',
    }));
    badRequest(ctx, 'The supplied request is wrong.', violations);
    return undefined;
  }
  return parsed.data;
}
