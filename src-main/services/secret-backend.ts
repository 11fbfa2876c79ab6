/**
 * Which credential store is in use, said honestly: the OS keychain, or — only after the user
 * explicitly chose it — memory for this session. Never a silent plaintext fallback.
 */
import type { SecretBackendStatus } from '../../src-shared/ipc/contract';
import { MemoryCredentialStore, type CredentialStore } from '../platform/credential-store';
import type { KeychainProbe } from '../platform/keychain';

export class SecretBackend {
  private store: CredentialStore | null;
  private reason: string;

  constructor(probe: KeychainProbe) {
    this.store = probe.ok ? probe.store : null;
    this.reason = probe.ok ? '' : probe.reason;
  }

  status(): SecretBackendStatus {
    if (!this.store) return { kind: 'unavailable', detail: `${this.reason} Secrets cannot be saved.` };
    return this.store.kind === 'keychain'
      ? { kind: 'keychain', detail: 'Secrets are stored in the OS keychain.' }
      : {
          kind: 'session',
          detail: 'Secrets are kept in memory for this session only and are lost when Bizlens quits.',
        };
  }

  /** The explicit, visible choice the UI offers when no keychain is reachable. */
  useSessionOnly(): SecretBackendStatus {
    if (!this.store) this.store = new MemoryCredentialStore();
    return this.status();
  }

  current(): CredentialStore | null {
    return this.store;
  }
}
