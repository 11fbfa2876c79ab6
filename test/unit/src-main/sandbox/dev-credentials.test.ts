import { describe, expect, it } from 'vitest';
import {
  DEV_API_TOKEN,
  DEV_CLIENT_ID,
  DEV_CLIENT_SECRET,
  SANDBOX_SCOPES,
  tokenIdentifier,
} from '../../../../src-main/sandbox/dev-credentials';

describe('well-known development credentials', () => {
  it('use the real Dynatrace formats', () => {
    expect(DEV_CLIENT_ID).toBe('dt0s02.SANDBOX1');
    expect(DEV_CLIENT_SECRET).toMatch(/^dt0s02\.SANDBOX1\.[A-Z0-9]{64}$/);
    expect(DEV_API_TOKEN).toMatch(/^dt0[a-zA-Z][0-9]{2}\.[A-Z0-9]{24}\.[A-Z0-9]{64}$/);
    expect(tokenIdentifier(DEV_API_TOKEN)).toBe('dt0c01.SANDBOXDEVAPITOKEN000000');
  });

  it('grant what reading and ingesting bizevents needs', () => {
    for (const s of ['storage:bizevents:read', 'storage:buckets:read', 'storage:events:write'])
      expect(SANDBOX_SCOPES).toContain(s);
  });
});
