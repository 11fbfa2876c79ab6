// The composer's main-side calls through the contract's handlers, against the real embedded
// sandbox: send each format, the error statuses, and confirm arrival by event.id (counted against
// a baseline, because Grail does not deduplicate ids).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppCore, stopAppCore } from '../../support/app-core';
import { type AppCore } from '../../../src-main/app/core';
import type { CallContext } from '../../../src-main/ipc/handler-types';
import { arrivalTimeframe } from '../../../src-shared/grail/arrival';

const service = `dev.bizlens.test.${randomUUID()}`;
let dataDir: string;
let core: AppCore;
const progress: unknown[] = [];
const ctx: CallContext = {
  signal: new AbortController().signal,
  emit: (name, payload) => void (name === 'ingest:arrivalProgress' && progress.push(payload)),
};
const ENV = 'local-sandbox';

beforeAll(async () => {
  ({ core, dataDir } = await startAppCore('bizlens-composer-', service));
});

afterAll(() => stopAppCore(core, dataDir, service));

const window = () => ({ environmentId: ENV, ...arrivalTimeframe([], BigInt(Date.now()) * 1_000_000n) });

function cloudEvent(id: string, extra: Record<string, unknown> = {}) {
  return {
    specversion: '1.0',
    id,
    source: 'ba.dt.local',
    type: 'com.dynatrace.business',
    data: { n: 1 },
    ...extra,
  };
}

describe('composer send and arrival on the embedded sandbox', () => {
  it('sends a CloudEvent (202) and confirms its arrival by id, with progress', async () => {
    const id = randomUUID();
    const before = await core.handlers['ingest:countEvents']({ ...window(), eventIds: [id] }, ctx);
    expect(before.counts[id]).toBeUndefined();
    const sent = await core.handlers['ingest:send'](
      {
        environmentId: ENV,
        body: JSON.stringify(cloudEvent(id)),
        contentType: 'application/cloudevents+json',
      },
      ctx,
    );
    expect(sent).toMatchObject({ status: 202, accepted: true });
    const outcome = await core.handlers['ingest:confirmArrival'](
      { ...window(), requestId: 'arrival-1', expected: [{ eventId: id, count: 1 }], timeoutMs: 20_000 },
      ctx,
    );
    expect(outcome).toMatchObject({ state: 'arrived', found: 1, expected: 1 });
    expect(outcome.polls).toBeGreaterThanOrEqual(1);
    expect(progress).toContainEqual(expect.objectContaining({ requestId: 'arrival-1', found: 1 }));
  });

  it('counts a reused id against its baseline, and times out when the expected copy never comes', async () => {
    const id = randomUUID();
    const body = JSON.stringify(cloudEvent(id));
    await core.handlers['ingest:send'](
      { environmentId: ENV, body, contentType: 'application/cloudevent+json' },
      ctx,
    );
    const arrived = await core.handlers['ingest:confirmArrival'](
      { ...window(), requestId: 'arrival-2', expected: [{ eventId: id, count: 1 }], timeoutMs: 20_000 },
      ctx,
    );
    expect(arrived.state).toBe('arrived');
    const baseline = await core.handlers['ingest:countEvents']({ ...window(), eventIds: [id] }, ctx);
    expect(baseline.counts[id]).toBe(1);
    // Not sent again: the second copy cannot arrive.
    const missing = await core.handlers['ingest:confirmArrival'](
      { ...window(), requestId: 'arrival-3', expected: [{ eventId: id, count: 2 }], timeoutMs: 1_500 },
      ctx,
    );
    expect(missing).toMatchObject({ state: 'timeout', found: 1, expected: 2 });
    expect(missing.elapsedMs).toBeGreaterThanOrEqual(1_500);
  });

  it('stops when cancelled', async () => {
    const pending = core.handlers['ingest:confirmArrival'](
      {
        ...window(),
        requestId: 'arrival-4',
        expected: [{ eventId: randomUUID(), count: 1 }],
        timeoutMs: 60_000,
      },
      ctx,
    );
    await new Promise((r) => setTimeout(r, 300));
    expect(await core.handlers['ingest:cancelArrival']({ requestId: 'arrival-4' }, ctx)).toEqual({
      cancelled: true,
    });
    expect((await pending).state).toBe('cancelled');
  });

  it('answers a batch with one invalid event with 400, the rejected index, and stores the others', async () => {
    const ids = [randomUUID(), randomUUID(), randomUUID()];
    const batch = [cloudEvent(ids[0]!), { ...cloudEvent(ids[1]!), source: undefined }, cloudEvent(ids[2]!)];
    const sent = await core.handlers['ingest:send'](
      { environmentId: ENV, body: JSON.stringify(batch), contentType: 'application/cloudevents-batch+json' },
      ctx,
    );
    expect(sent.status).toBe(400);
    expect(JSON.parse(sent.body)).toEqual({
      errors: [
        expect.objectContaining({ index: 1, id: ids[1], message: expect.stringContaining("'source'") }),
      ],
    });
    const outcome = await core.handlers['ingest:confirmArrival'](
      {
        ...window(),
        requestId: 'arrival-5',
        expected: [ids[0]!, ids[2]!].map((eventId) => ({ eventId, count: 1 })),
        timeoutMs: 20_000,
      },
      ctx,
    );
    expect(outcome).toMatchObject({ state: 'arrived', found: 2 });
    const rejected = await core.handlers['ingest:countEvents']({ ...window(), eventIds: [ids[1]!] }, ctx);
    expect(rejected.counts[ids[1]!]).toBeUndefined();
  });

  it('reports 413 for a payload over 5 MiB, and 400 for malformed JSON', async () => {
    const big = JSON.stringify({ filler: 'x'.repeat(5 * 1024 * 1024) });
    const tooLarge = await core.handlers['ingest:send'](
      { environmentId: ENV, body: big, contentType: 'application/json' },
      ctx,
    );
    expect(tooLarge.status).toBe(413);
    const malformed = await core.handlers['ingest:send'](
      { environmentId: ENV, body: '{"a":', contentType: 'application/json' },
      ctx,
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body).toContain('not valid JSON');
  });
});
