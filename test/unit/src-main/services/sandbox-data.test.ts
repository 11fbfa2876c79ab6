import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../src-shared/errors';
import type { IngestSendRequest } from '../../../../src-shared/ipc/domains/ingest';
import { SandboxDataService } from '../../../../src-main/services/sandbox-data';
import { SAMPLE_SIZES } from '../../../../src-main/services/sandbox-samples';
import { NO_FAULTS, parseFaultSpec } from '../../../../src-main/sandbox/faults-spec';
import type { FaultSpec } from '../../../../src-main/sandbox/faults-spec';
import type { RunningSandbox } from '../../../../src-main/sandbox/server';

/** An in-memory stand-in for the running sandbox's admin hook and fault setting. */
function fakeSandbox() {
  const state = { events: 0, faults: NO_FAULTS as FaultSpec, faultsDuringSend: [] as FaultSpec[] };
  const sandbox: RunningSandbox = {
    url: 'http://127.0.0.1:1',
    close: async () => undefined,
    setFaults: async (spec) => void (state.faults = spec),
    faults: () => state.faults,
    admin: {
      stats: async () => ({ eventCount: state.events, sizeBytes: state.events * 100 }),
      clear: async () => void (state.events = 0),
    },
  };
  return { sandbox, state };
}

const signal = new AbortController().signal;

describe('SandboxDataService', () => {
  it('loads a sample in batches through the ingest path, with faults paused meanwhile', async () => {
    const { sandbox, state } = fakeSandbox();
    state.faults = parseFaultSpec('503=0.5,seed=3');
    const sent: IngestSendRequest[] = [];
    const service = new SandboxDataService({
      sandbox: () => sandbox,
      send: async (req) => {
        sent.push(req);
        state.faultsDuringSend.push(state.faults);
        state.events += (JSON.parse(req.body) as unknown[]).length;
        return { status: 202, accepted: true, body: '', durationMs: 1 };
      },
      now: () => Date.parse('2026-03-01T12:00:00Z'),
    });
    const out = await service.loadSample('bike-rental', signal);
    expect(out.loaded).toBe(SAMPLE_SIZES['bike-rental']);
    expect(out.status).toEqual({
      eventCount: SAMPLE_SIZES['bike-rental'],
      sizeBytes: SAMPLE_SIZES['bike-rental'] * 100,
      faults: '503=0.5,seed=3',
    });
    expect(sent.length).toBe(Math.ceil(SAMPLE_SIZES['bike-rental'] / 1000));
    expect(
      sent.every((r) => r.environmentId === 'local-sandbox' && r.contentType === 'application/json'),
    ).toBe(true);
    expect(state.faultsDuringSend.every((f) => f === NO_FAULTS)).toBe(true);
  });

  it('reports a refused batch with how much was stored, and restores the faults', async () => {
    const { sandbox, state } = fakeSandbox();
    const spec = parseFaultSpec('latency=5');
    state.faults = spec;
    let calls = 0;
    const service = new SandboxDataService({
      sandbox: () => sandbox,
      send: async () =>
        ++calls === 1
          ? { status: 202, accepted: true, body: '', durationMs: 1 }
          : { status: 413, accepted: false, body: '', durationMs: 1 },
    });
    const err = await service.loadSample('bike-rental', signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toBe(
      'The sandbox refused sample events 1001–2000 (HTTP 413); 1000 were stored.',
    );
    expect(state.faults).toBe(spec);
  });

  it('sets faults from text, with positioned errors for bad text', async () => {
    const { sandbox } = fakeSandbox();
    const service = new SandboxDataService({ sandbox: () => sandbox, send: async () => Promise.reject() });
    expect((await service.setFaults('seed=9,429=0.25')).faults).toBe('429=0.25,seed=9');
    const err = await service.setFaults('seed=9,429=0.25,x=1').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INVALID_FAULT_SPEC', details: { column: 17 } });
    expect((await service.setFaults('')).faults).toBe('');
  });

  it('clears, and says plainly when the sandbox is not running', async () => {
    const { sandbox, state } = fakeSandbox();
    state.events = 5;
    expect(
      (await new SandboxDataService({ sandbox: () => sandbox, send: async () => Promise.reject() }).clear())
        .eventCount,
    ).toBe(0);
    const down = new SandboxDataService({ sandbox: () => null, send: async () => Promise.reject() });
    await expect(down.status()).rejects.toMatchObject({ code: 'ENVIRONMENT_NOT_READY' });
  });
});
