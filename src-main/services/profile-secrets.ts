/**
 * A profile's secret in the credential store: one account per profile and auth kind. Reads and
 * writes register the value with the redaction list, so it can never reach a log line. Nothing
 * here returns a secret to a caller that could pass it to the renderer: only main-side services
 * (the token provider, the connection) call read().
 */
import { AppError } from '../../src-shared/errors';
import type { AuthKind } from '../../src-shared/ipc/contract';
import type { CredentialStore } from '../platform/credential-store';
import { rememberSecret } from '../platform/redaction';

const ACCOUNT_KIND: Readonly<Record<AuthKind, string>> = {
  oauth: 'client-secret',
  apiToken: 'api-token',
  platformToken: 'platform-token',
};

export function secretAccountFor(environmentId: string, authKind: AuthKind): string {
  return `environment:${environmentId}:${ACCOUNT_KIND[authKind]}`;
}

export class ProfileSecrets {
  constructor(private readonly currentStore: () => CredentialStore | null) {}

  async read(environmentId: string, authKind: AuthKind): Promise<string | null> {
    const value = await this.store().get(secretAccountFor(environmentId, authKind));
    rememberSecret(value);
    return value;
  }

  async write(environmentId: string, authKind: AuthKind, secret: string): Promise<void> {
    rememberSecret(secret);
    await this.store().set(secretAccountFor(environmentId, authKind), secret);
  }

  /** Removes the profile's secrets of every kind (after a kind change or removal). */
  async deleteAll(environmentId: string, except?: AuthKind): Promise<void> {
    const store = this.currentStoreOrNull();
    if (!store) return;
    for (const kind of Object.keys(ACCOUNT_KIND) as AuthKind[]) {
      if (kind !== except) await store.delete(secretAccountFor(environmentId, kind));
    }
  }

  async has(environmentId: string, authKind: AuthKind): Promise<boolean> {
    const store = this.currentStoreOrNull();
    if (!store) return false;
    return (await store.get(secretAccountFor(environmentId, authKind))) !== null;
  }

  private currentStoreOrNull(): CredentialStore | null {
    return this.currentStore();
  }

  private store(): CredentialStore {
    const store = this.currentStore();
    if (!store)
      throw new AppError(
        'SECRET_STORE_UNAVAILABLE',
        'No OS keychain is reachable. Choose session-only secrets to continue.',
      );
    return store;
  }
}
