/** IPC domain: the app itself and the secret backend. */
import { z } from 'zod';
import { Empty } from './common';

export const SecretBackendStatus = z.object({
  /** keychain: OS keychain via keytar; session: memory only, chosen explicitly; unavailable: neither yet. */
  kind: z.enum(['keychain', 'session', 'unavailable']),
  detail: z.string(),
});
export type SecretBackendStatus = z.infer<typeof SecretBackendStatus>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  edition: z.enum(['desktop', 'web']),
  secretBackend: SecretBackendStatus,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appCalls = {
  'app:getInfo': { request: Empty, response: AppInfo },
  'secrets:useSessionOnly': { request: Empty, response: SecretBackendStatus },
} as const;
