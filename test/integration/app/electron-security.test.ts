// Electron security scan (@doyensec/electronegativity) of the Electron surface: window creation,
// the preload, the composition root and the page's CSP. Zero findings at high severity or above.
// A deliberately insecure window proves the scan can fail.
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../support/web-edition';

interface Issue {
  id: string;
  file: string;
  location: { line: number };
  severity: { value: number; name: string };
}
type Run = (options: Record<string, unknown>) => Promise<{ issues: Issue[]; errors: unknown[] }>;

const require = createRequire(import.meta.url);
const run = require('@doyensec/electronegativity') as Run;
const HIGH = 3; // electronegativity's severity scale: INFORMATIONAL 0, LOW 1, MEDIUM 2, HIGH 3, CRITICAL 4
const ELECTRON_VERSION = (require('electron/package.json') as { version: string }).version;
const dirs: string[] = [];

async function scan(files: Record<string, string>): Promise<Issue[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bizlens-scan-'));
  dirs.push(dir);
  for (const [to, from] of Object.entries(files)) await cp(from, join(dir, to), { recursive: true });
  const result = await run({ input: dir, isRelative: true, electronVersionOverride: ELECTRON_VERSION });
  expect(result.errors).toEqual([]);
  return result.issues;
}

const high = (issues: Issue[]) =>
  issues
    .filter((i) => i.severity.value >= HIGH)
    .map((i) => `${i.id} ${i.severity.name} ${i.file}:${i.location.line}`);

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('electronegativity', () => {
  it('finds nothing of high severity in the Electron surface', async () => {
    const issues = await scan({
      electron: join(ROOT, 'src-main/electron'),
      'index.ts': join(ROOT, 'src-main/index.ts'),
      'index.html': join(ROOT, 'src-renderer/index.html'),
    });
    expect(high(issues)).toEqual([]);
  });

  it('does flag an insecure window (the scan can fail)', async () => {
    const bad = join(await mkdtemp(join(tmpdir(), 'bizlens-bad-')), 'bad-window.js');
    dirs.push(join(bad, '..'));
    await writeFile(
      bad,
      "const { BrowserWindow } = require('electron');\n" +
        "new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, webSecurity: false } }).loadURL('http://example.com');\n",
    );
    expect(high(await scan({ 'bad-window.js': bad })).length).toBeGreaterThan(0);
  });
});
