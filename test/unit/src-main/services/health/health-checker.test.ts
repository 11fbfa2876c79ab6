import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../src-shared/errors';
import type { QueryExecuteRequest, QueryOutcome } from '../../../../../src-shared/ipc/contract';
import type { CallContext } from '../../../../../src-main/ipc/handler-types';
import { HealthChecker } from '../../../../../src-main/services/health/health-checker';

const request = {
  requestId: 'r1',
  environmentId: 'env',
  timeframeStart: '2024-05-01T11:00:00.000Z',
  timeframeEnd: '2024-05-01T12:00:00.000Z',
};

const ok = (records: Record<string, unknown>[]): QueryOutcome => ({
  state: 'SUCCEEDED',
  durationMs: 1,
  result: { records, types: [], metadata: {} },
});

describe('health checker', () => {
  it('keeps the other panels when one fails, and reports the failure as a finding', async () => {
    const seen: QueryExecuteRequest[] = [];
    const checker = new HealthChecker({
      execute: async (req) => {
        seen.push(req);
        if (req.query.includes('missingType'))
          throw new AppError('AUTH_FORBIDDEN', 'Missing scopes: storage:bizevents:read.');
        if (req.query.includes('lastSeen'))
          return ok([
            {
              'event.provider': 'gone',
              current: '0',
              previous: '4',
              lastSeen: '2024-05-01T10:30:00.000000000Z',
            },
          ]);
        if (req.query.includes('by: {interval'))
          return ok([
            {
              interval: '2024-05-01T11:00:00.000000000Z',
              'event.provider': 'a',
              'event.type': 't',
              events: '1',
            },
          ]);
        return ok([]);
      },
    });
    const s = await checker.run(request, new AbortController().signal);
    expect(seen).toHaveLength(5);
    expect(seen.every((q) => q.environmentId === 'env')).toBe(true);
    expect(s.panels.find((p) => p.id === 'missing')?.error).toEqual({
      code: 'AUTH_FORBIDDEN',
      message: 'Missing scopes: storage:bizevents:read.',
    });
    expect(s.missing).toBeNull();
    expect(s.volume?.total).toBe(1);
    expect(s.findings.map((f) => f.code)).toEqual(['panel-failed', 'silent-provider']);
    expect(checker.latest('env')).toBe(s);
    expect(checker.latest('other')).toBeUndefined();
  });

  it('stops when cancelled', async () => {
    const checker = new HealthChecker({
      execute: (_req: QueryExecuteRequest, ctx: CallContext) =>
        new Promise<QueryOutcome>((resolve) =>
          ctx.signal.addEventListener('abort', () => resolve({ state: 'CANCELLED', durationMs: 1 })),
        ),
    });
    const running = checker.run(request, new AbortController().signal);
    expect(checker.cancel('r1')).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(checker.cancel('r1')).toBe(false);
    expect(checker.latest('env')).toBeUndefined();
  });
});
