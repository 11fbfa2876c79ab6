// Sandbox data management through the contract's handlers, against the real embedded sandbox.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppCore } from '../../../src-main/app/core';
import { dispatch } from '../../../src-main/ipc/dispatch';
import type { CallContext } from '../../../src-main/ipc/handler-types';
import { SAMPLE_SIZES } from '../../../src-main/services/sandbox-samples';
import { startAppCore, stopAppCore } from '../../support/app-core';
import { rejectionOf } from '../../support/rejection';

const service = `dev.bizlens.test.${randomUUID()}`;
let dataDir: string;
let core: AppCore;
const ctx: CallContext = { signal: new AbortController().signal, emit: () => undefined };

beforeAll(async () => {
  ({ core, dataDir } = await startAppCore('bizlens-sandbox-data-', service));
});

afterAll(() => stopAppCore(core, dataDir, service));

const count = async (query: string) => {
  const out = await core.handlers['query:execute'](
    { requestId: randomUUID(), environmentId: 'local-sandbox', query },
    ctx,
  );
  return out.result!.records;
};

describe('sandbox data management', () => {
  it('starts empty with faults off', async () => {
    expect(await core.handlers['sandbox:status']({}, ctx)).toMatchObject({ eventCount: 0, faults: '' });
  });

  it('loads the bike-rental set so the notebook question can be asked of it', async () => {
    const out = await core.handlers['sandbox:loadSample']({ dataSet: 'bike-rental' }, ctx);
    expect(out.loaded).toBe(SAMPLE_SIZES['bike-rental']);
    expect(out.status.eventCount).toBe(SAMPLE_SIZES['bike-rental']);
    expect(out.status.sizeBytes).toBeGreaterThan(0);
    const top = await count(
      'fetch bizevents\n| summarize popular = count(), by: {RENT_NM}\n| filter popular < 1000\n| sort popular desc\n| limit 20',
    );
    expect(top.length).toBeGreaterThan(3);
    const popular = top.map((r) => Number(r?.popular));
    expect(popular).toEqual([...popular].sort((a, b) => b - a));
  });

  it('loads the checkout funnel with fewer events at each later step', async () => {
    const out = await core.handlers['sandbox:loadSample']({ dataSet: 'checkout-funnel' }, ctx);
    expect(out.status.eventCount).toBe(SAMPLE_SIZES['bike-rental'] + SAMPLE_SIZES['checkout-funnel']);
    const steps = await count(
      'fetch bizevents\n| filter event.provider == "bizlens.sample.shop"\n| summarize n = count(), by: {step}\n| sort step asc',
    );
    const n = steps.map((r) => Number(r?.n));
    expect(n).toHaveLength(4);
    expect(n).toEqual([...n].sort((a, b) => b - a));
  });

  it('sets and validates the fault spec, and loads samples with faults paused', async () => {
    const err = await rejectionOf(core.handlers['sandbox:setFaults']({ spec: '429=2' }, ctx));
    expect(err).toMatchObject({ code: 'INVALID_FAULT_SPEC', details: { column: 5 } });
    const on = await core.handlers['sandbox:setFaults']({ spec: '503=1,seed=4' }, ctx);
    expect(on.faults).toBe('503=1,seed=4');
    const before = on.eventCount;
    const out = await core.handlers['sandbox:loadSample']({ dataSet: 'checkout-funnel' }, ctx);
    expect(out.status.eventCount).toBe(before + SAMPLE_SIZES['checkout-funnel']);
    expect(out.status.faults).toBe('503=1,seed=4');
    expect((await core.handlers['sandbox:setFaults']({ spec: '' }, ctx)).faults).toBe('');
  });

  it('clears every event only when confirmed', async () => {
    const refused = await dispatch(core.handlers, 'sandbox:clear', {}, ctx);
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect((await core.handlers['sandbox:status']({}, ctx)).eventCount).toBeGreaterThan(0);
    const cleared = await core.handlers['sandbox:clear']({ confirm: true }, ctx);
    expect(cleared.eventCount).toBe(0);
    expect(await count('fetch bizevents | summarize n = count()')).toEqual([{ n: '0' }]);
  });
});
