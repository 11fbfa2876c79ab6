// The app's services as the integration tests use them: a fresh data folder, a keychain namespace of
// the test's own, and the embedded sandbox started — and all of it removed afterwards.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAppCore, type AppCore } from '../../src-main/app/core';
import { KeytarCredentialStore } from '../../src-main/platform/keychain';

export async function startAppCore(
  prefix: string,
  keychainService: string,
): Promise<{ core: AppCore; dataDir: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), prefix));
  const core = await createAppCore({ dataDir, edition: 'web', keychainService });
  await core.ready;
  return { core, dataDir };
}

export async function stopAppCore(core: AppCore, dataDir: string, keychainService: string): Promise<void> {
  await core.dispose();
  await new KeytarCredentialStore(keychainService).delete('environment:local-sandbox:client-secret');
  await rm(dataDir, { recursive: true, force: true });
}
