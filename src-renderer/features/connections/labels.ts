/** Plain-word labels for environment and secret-storage states. */
import type { EnvironmentSummary, SecretBackendStatus } from '../../../src-shared/ipc/contract';

export function environmentStatusLabel(status: EnvironmentSummary['status']): string {
  switch (status) {
    case 'ready':
      return 'Ready';
    case 'starting':
      return 'Starting…';
    case 'needs-secret':
      return 'Needs secret';
    case 'error':
      return 'Error';
  }
}

export function secretBackendLabel(kind: SecretBackendStatus['kind']): string {
  switch (kind) {
    case 'keychain':
      return 'Secrets in OS keychain';
    case 'session':
      return 'Secrets for this session only';
    case 'unavailable':
      return 'No secret storage';
  }
}
