// Grail's query:verify through the contract's handlers against the real embedded sandbox, and the
// per-environment limits and saved queries kept in the data directory.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore, stopAppCore } from '../../support/app-core';
import { createAppCore, type AppCore } from '../../../src-main/app/core';
import type { CallContext } from '../../../src-main/ipc/handler-types';
import { analyze } from '../../../src-shared/dql/analyzer';
import { remoteOnly } from '../../../src-shared/dql/merge-verify';

const service = `dev.bizlens.test.${randomUUID()}`;
let dataDir: string;
let core: AppCore;
const ctx: CallContext = { signal: new AbortController().signal, emit: () => undefined };

beforeAll(async () => {
  ({ core, dataDir } = await startAppCore('bizlens-verify-', service));
});

afterAll(() => stopAppCore(core, dataDir, service));

describe('query:verify on the sandbox', () => {
  it('says a good query is valid', async () => {
    const out = await core.handlers['query:verify'](
      { environmentId: 'local-sandbox', query: 'fetch bizevents | limit 1' },
      ctx,
    );
    expect(out).toEqual({ valid: true, problems: [] });
  });

  it('places a typo where it is, and the merge keeps it once', async () => {
    const query = 'fetch bizevents | limt 10';
    const out = await core.handlers['query:verify']({ environmentId: 'local-sandbox', query }, ctx);
    expect(out.valid).toBe(false);
    const typo = out.problems.find((p) => p.severity === 'error');
    expect(typo && query.slice(typo.start, typo.end)).toBe('limt');
    // The local analysis reports the same problem, so the editor shows it once.
    expect(remoteOnly(analyze(query).diagnostics, out.problems)).toEqual([]);
  });

  it('keeps limits per environment and saved queries across a restart of the core', async () => {
    const settings = { maxResultRecords: 10, maxResultBytes: 5000, scanLimitGBytes: 1 };
    await core.handlers['query:saveSettings']({ environmentId: 'local-sandbox', settings }, ctx);
    await core.handlers['saved:save'](
      { name: 'Orders', query: 'fetch bizevents', environmentId: 'local-sandbox' },
      ctx,
    );
    const again = await createAppCore({ dataDir, edition: 'web', keychainService: service });
    try {
      expect(await again.handlers['query:getSettings']({ environmentId: 'local-sandbox' }, ctx)).toEqual(
        settings,
      );
      const saved = await again.handlers['saved:list']({ environmentId: 'local-sandbox' }, ctx);
      expect(saved.queries.map((q) => q.name)).toEqual(['Orders']);
    } finally {
      await again.dispose();
    }
  });
});
