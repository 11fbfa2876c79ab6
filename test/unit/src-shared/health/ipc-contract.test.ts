import { describe, expect, it } from 'vitest';
import { contract } from '../../../../src-shared/ipc/contract';

describe('health IPC requests', () => {
  it('refuses a timeframe that ends before it starts, naming the field', () => {
    const r = contract['health:run'].request.safeParse({
      requestId: 'r',
      environmentId: 'env',
      timeframeStart: '2024-05-01T12:00:00Z',
      timeframeEnd: '2024-05-01T11:00:00Z',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]).toMatchObject({
      path: ['timeframeStart'],
      message: 'The start must be before the end.',
    });
  });

  it('refuses canary intervals below 15 seconds and unknown fields', () => {
    const schedule = contract['health:canarySchedule'].request;
    expect(schedule.safeParse({ environmentId: 'env', intervalSeconds: 5 }).success).toBe(false);
    expect(schedule.safeParse({ environmentId: 'env', intervalSeconds: 15 }).success).toBe(true);
    expect(schedule.safeParse({ environmentId: 'env', intervalSeconds: null }).success).toBe(true);
    expect(contract['health:canaryRun'].request.safeParse({ environmentId: 'env', extra: 1 }).success).toBe(
      false,
    );
    expect(
      contract['health:canaryRun'].request.safeParse({ environmentId: 'env', confirmProduction: false })
        .success,
    ).toBe(false);
  });
});
