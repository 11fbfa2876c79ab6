/**
 * OS keychain via keytar (libsecret on Linux, Keychain on macOS, Credential Vault on Windows).
 * The service name is namespaced so tests (BIZLENS_KEYCHAIN_SERVICE) never touch real entries.
 */
import { createRequire } from 'node:module';
import type * as KeytarModule from 'keytar';
import type { CredentialStore } from './credential-store';

type Keytar = typeof KeytarModule;

export const DEFAULT_KEYCHAIN_SERVICE = 'dev.bizlens.app';

function loadKeytar(): Keytar {
  // keytar is a native CommonJS addon; load it lazily so a missing build is a reportable state.
  const require = createRequire(import.meta.url);
  return require('keytar') as Keytar;
}

export class KeytarCredentialStore implements CredentialStore {
  readonly kind = 'keychain' as const;
  private readonly keytar: Keytar;

  constructor(
    readonly service: string,
    keytar?: Keytar,
  ) {
    this.keytar = keytar ?? loadKeytar();
  }

  get(account: string): Promise<string | null> {
    return this.keytar.getPassword(this.service, account);
  }
  set(account: string, secret: string): Promise<void> {
    return this.keytar.setPassword(this.service, account, secret);
  }
  delete(account: string): Promise<boolean> {
    return this.keytar.deletePassword(this.service, account);
  }
}

export type KeychainProbe = { ok: true; store: KeytarCredentialStore } | { ok: false; reason: string };

/** Round-trips a probe entry: a keychain that cannot store and read back is not a keychain. */
export async function probeKeychain(service: string): Promise<KeychainProbe> {
  try {
    const store = new KeytarCredentialStore(service);
    const account = 'bizlens-probe';
    const value = `probe-${Date.now()}`;
    await store.set(account, value);
    const read = await store.get(account);
    await store.delete(account);
    if (read !== value) return { ok: false, reason: 'The OS keychain did not return what was stored.' };
    return { ok: true, store };
  } catch (err) {
    return { ok: false, reason: keychainReason(err) };
  }
}

function keychainReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  if (/dbus|secret service|org\.freedesktop/i.test(text))
    return 'No Secret Service (OS keychain) is reachable on D-Bus.';
  if (/cannot find module|did not self-register|\.node/i.test(text))
    return 'The keychain module (keytar) is not built.';
  return 'The OS keychain is not reachable.';
}
