import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SettingsFile, type Settings } from '../../../../src-main/platform/settings-file';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizlens-settings-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fallback = (): Settings => ({ version: 1, environments: [], selectedEnvironmentId: null });
const sample: Settings = {
  version: 1,
  environments: [
    {
      id: 'local-sandbox',
      name: 'Local sandbox',
      kind: 'sandbox',
      authKind: 'oauth',
      clientId: 'dt0s02.ABCDEFGH',
    },
  ],
  selectedEnvironmentId: 'local-sandbox',
};

describe('SettingsFile', () => {
  it('returns the fallback when there is no file yet', async () => {
    expect(await new SettingsFile(join(dir, 'settings.json')).read(fallback)).toEqual(fallback());
  });

  it('round-trips validated settings, owner-only', async () => {
    const file = new SettingsFile(join(dir, 'sub', 'settings.json'));
    await file.write(sample);
    expect(await file.read(fallback)).toEqual(sample);
    expect((await stat(join(dir, 'sub', 'settings.json'))).mode & 0o777).toBe(0o600);
  });

  it('refuses to write invalid settings', async () => {
    const file = new SettingsFile(join(dir, 'settings.json'));
    await expect(file.write({ ...sample, version: 2 } as unknown as Settings)).rejects.toThrow();
  });

  it('keeps a corrupt file aside instead of overwriting it', async () => {
    const path = join(dir, 'settings.json');
    await writeFile(path, '{"version":1, "environments": [oops');
    expect(await new SettingsFile(path).read(fallback)).toEqual(fallback());
    const kept = (await readdir(dir)).filter((f) => f.startsWith('settings.json.corrupt-'));
    expect(kept).toHaveLength(1);
    expect(await readFile(join(dir, kept[0]!), 'utf8')).toContain('oops');
  });
});
