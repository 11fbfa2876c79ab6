import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../../../../src-shared/errors';
import { CANARY_PROVIDER, CANARY_TYPE } from '../../../../../src-shared/health/queries';
import type {
  CanaryRun,
  IngestArrivalOutcome,
  IngestConfirmArrivalRequest,
  IngestSendRequest,
  IngestSendResponse,
} from '../../../../../src-shared/ipc/contract';
import { CANARY_HISTORY, CanaryProbe } from '../../../../../src-main/services/health/canary-probe';
import { assertWriteAllowed } from '../../../../../src-main/services/write-guard';

type Safety = 'normal' | 'production' | 'read-only';

function setup(
  options: {
    safety?: Safety;
    send?: Partial<IngestSendResponse> | Error;
    arrival?: Partial<IngestArrivalOutcome>;
  } = {},
) {
  const env = { name: 'Env', safety: options.safety ?? ('normal' as Safety) };
  const sent: IngestSendRequest[] = [];
  const confirmed: IngestConfirmArrivalRequest[] = [];
  const published: CanaryRun[] = [];
  const probe = new CanaryProbe(
    {
      send: async (req) => {
        sent.push(req);
        if (options.send instanceof Error) throw options.send;
        return { status: 202, accepted: true, body: '', durationMs: 30, ...options.send };
      },
      confirmArrival: async (req) => {
        confirmed.push(req);
        return { state: 'arrived', found: 1, expected: 1, elapsedMs: 800, polls: 3, ...options.arrival };
      },
      assertWriteAllowed: (_id, confirmedProduction) => assertWriteAllowed(env, confirmedProduction),
      publish: (run) => published.push(run),
    },
    () => Date.now(),
  );
  return { env, probe, sent, confirmed, published };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('canary probe', () => {
  it('sends one tagged event and measures the time until a query finds it', async () => {
    const t = setup();
    const run = await t.probe.run('env', { trigger: 'manual', confirmedProduction: false });
    expect(run).toMatchObject({
      state: 'arrived',
      sendMs: 30,
      queryableMs: 800,
      polls: 3,
      status: 202,
      trigger: 'manual',
    });
    expect(t.sent).toHaveLength(1);
    const body = JSON.parse(t.sent[0]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({
      'event.provider': CANARY_PROVIDER,
      'event.type': CANARY_TYPE,
      'event.id': run.eventId,
    });
    expect(t.confirmed[0]!.expected).toEqual([{ eventId: run.eventId, count: 1 }]);
    expect(t.published).toEqual([run]);
    expect(t.probe.status('env').history).toEqual([run]);
  });

  it('refuses read-only environments, and production ones without confirmation', async () => {
    const ro = setup({ safety: 'read-only' });
    await expect(ro.probe.run('env', { trigger: 'manual', confirmedProduction: true })).rejects.toMatchObject(
      {
        code: 'ENVIRONMENT_READ_ONLY',
      },
    );
    expect(() => ro.probe.schedule('env', 60, true)).toThrow(/read-only/);
    expect(ro.sent).toHaveLength(0);
    expect(ro.probe.status('env')).toMatchObject({ intervalSeconds: null, history: [] });

    const prod = setup({ safety: 'production' });
    await expect(
      prod.probe.run('env', { trigger: 'manual', confirmedProduction: false }),
    ).rejects.toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
    });
    expect(prod.sent).toHaveLength(0);
    expect((await prod.probe.run('env', { trigger: 'manual', confirmedProduction: true })).state).toBe(
      'arrived',
    );
  });

  it('records a rejected send, a timeout and a failed request (redacted) as runs', async () => {
    const rejected = await setup({ send: { status: 400, accepted: false } }).probe.run('env', {
      trigger: 'manual',
      confirmedProduction: false,
    });
    expect(rejected).toMatchObject({
      state: 'failed',
      status: 400,
      queryableMs: null,
      message: 'The ingest API answered HTTP 400.',
    });

    const late = await setup({
      arrival: { state: 'timeout', found: 0, elapsedMs: 60_000, polls: 20 },
    }).probe.run('env', {
      trigger: 'manual',
      confirmedProduction: false,
    });
    expect(late).toMatchObject({
      state: 'timeout',
      queryableMs: null,
      polls: 20,
      message: 'Not queryable after 60 s.',
    });

    const failed = await setup({
      send: new AppError('HTTP_FAILED', 'Refused: Authorization: Bearer abcdefghijklmnop'),
    }).probe.run('env', { trigger: 'manual', confirmedProduction: false });
    expect(failed.state).toBe('failed');
    expect(failed.message).not.toContain('abcdefghijklmnop');
  });

  it('keeps a small history, newest last', async () => {
    const t = setup();
    for (let i = 0; i < CANARY_HISTORY + 3; i++)
      await t.probe.run('env', { trigger: 'manual', confirmedProduction: false });
    const history = t.probe.status('env').history;
    expect(history).toHaveLength(CANARY_HISTORY);
    expect(history.at(-1)).toEqual(t.published.at(-1));
  });

  it('runs on an interval until stopped, and stops when the environment becomes read-only', async () => {
    vi.useFakeTimers();
    const t = setup();
    expect(t.probe.schedule('env', 60, false).intervalSeconds).toBe(60);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.published.map((r) => r.trigger)).toEqual(['interval']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.published).toHaveLength(2);
    t.probe.schedule('env', null, false);
    await vi.advanceTimersByTimeAsync(300_000);
    expect(t.published).toHaveLength(2);

    t.probe.schedule('env', 60, false);
    await vi.advanceTimersByTimeAsync(0);
    expect(t.published).toHaveLength(3);
    t.env.safety = 'read-only';
    await vi.advanceTimersByTimeAsync(60_000);
    expect(t.published).toHaveLength(3);
    expect(t.probe.status('env').intervalSeconds).toBeNull();
  });
});
