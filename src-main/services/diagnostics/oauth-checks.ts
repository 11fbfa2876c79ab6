/**
 * The token endpoint check: one request with the profile's scopes; when the server refuses a
 * scope, one request per scope to find exactly which ones the client lacks.
 */
import { AppError } from '../../../src-shared/errors';
import type { HttpSend } from '../../platform/http';
import type { DiagnosticsTarget } from '../environments';
import { requestClientCredentials } from '../token-provider';
import type { Collector } from './collector';

const MAX_SCOPE_PROBES = 20;

export async function checkTokenEndpoint(
  target: DiagnosticsTarget,
  secret: string,
  http: HttpSend,
  c: Collector,
  signal: AbortSignal,
): Promise<boolean> {
  const client = {
    tokenUrl: target.tokenUrl ?? '',
    clientId: target.clientId ?? '',
    ...(target.resource ? { resource: target.resource } : {}),
  };
  const started = c.now();
  try {
    const grant = await requestClientCredentials({ ...client, scopes: target.scopes }, secret, http, signal);
    c.serverDate(grant.serverDate, started, c.now());
    const granted = grant.scope ? grant.scope.split(/\s+/).filter(Boolean) : target.scopes;
    for (const s of granted) c.granted.add(s);
    // Some servers grant a subset silently instead of refusing.
    const notGranted = target.scopes.filter((s) => !c.granted.has(s));
    for (const s of notGranted) c.missing.add(s);
    c.add(
      'token',
      'Token endpoint',
      notGranted.length ? 'warn' : 'ok',
      `Access token received; it lives ${grant.expiresInSeconds} s.` +
        (notGranted.length ? ` Not granted: ${notGranted.join(', ')}.` : ` Granted: ${granted.join(' ')}.`),
      started,
    );
    return true;
  } catch (err) {
    const message = err instanceof AppError ? err.message : 'The token request failed.';
    c.add('token', 'Token endpoint', 'fail', message, started);
    if (!(err instanceof AppError) || err.code !== 'AUTH_INVALID_SCOPE') return false;
  }
  // The client lacks some scope: ask for each one alone to name exactly which.
  for (const scope of target.scopes.slice(0, MAX_SCOPE_PROBES)) {
    try {
      await requestClientCredentials({ ...client, scopes: [scope] }, secret, http, signal);
      c.granted.add(scope);
    } catch (err) {
      if (err instanceof AppError && err.code === 'AUTH_INVALID_SCOPE') c.missing.add(scope);
    }
  }
  return c.granted.size > 0;
}
