// keytar against a real Secret Service (scripts/with-keyring.sh provides one on Linux CI), under a
// namespaced service so a developer's real entries are never touched.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarCredentialStore, probeKeychain } from '../../../src-main/platform/keychain';

const service = `dev.bizlens.test.${randomUUID()}`;
const store = new KeytarCredentialStore(service);

afterAll(async () => {
  await store.delete('environment:test:client-secret');
});

describe('OS keychain (real Secret Service)', () => {
  it('is reachable', async () => {
    const probe = await probeKeychain(service);
    expect(probe).toMatchObject({ ok: true });
  });

  it('stores, reads back, overwrites and deletes a secret', async () => {
    const account = 'environment:test:client-secret';
    expect(await store.get(account)).toBeNull();
    await store.set(account, 'dt0s02.ABCDEFGH.first');
    expect(await store.get(account)).toBe('dt0s02.ABCDEFGH.first');
    await store.set(account, 'dt0s02.ABCDEFGH.second');
    expect(await store.get(account)).toBe('dt0s02.ABCDEFGH.second');
    expect(await store.delete(account)).toBe(true);
    expect(await store.get(account)).toBeNull();
    expect(await store.delete(account)).toBe(false);
  });

  it('keeps services apart', async () => {
    const other = new KeytarCredentialStore(`${service}.other`);
    await store.set('shared-account', 'mine');
    expect(await other.get('shared-account')).toBeNull();
    await store.delete('shared-account');
  });
});
