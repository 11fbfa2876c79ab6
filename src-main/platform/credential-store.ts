/**
 * Where secrets live. The OS keychain (keytar) is the default; a memory store exists only for the
 * explicit, visible "session-only" choice. There is deliberately no plaintext file fallback.
 */
export interface CredentialStore {
  readonly kind: 'keychain' | 'session';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

export class MemoryCredentialStore implements CredentialStore {
  readonly kind = 'session' as const;
  private readonly secrets = new Map<string, string>();

  async get(account: string): Promise<string | null> {
    return this.secrets.get(account) ?? null;
  }
  async set(account: string, secret: string): Promise<void> {
    this.secrets.set(account, secret);
  }
  async delete(account: string): Promise<boolean> {
    return this.secrets.delete(account);
  }
}
