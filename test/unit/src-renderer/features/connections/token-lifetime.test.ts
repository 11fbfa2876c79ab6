import { describe, expect, it } from 'vitest';
import { tokenLifetimeText } from '../../../../../src-renderer/features/connections/token-lifetime';

const NOW = 1_000_000_000;

describe('tokenLifetimeText', () => {
  it('counts down the cached token while the environment is ready', () => {
    expect(tokenLifetimeText(NOW + 299_000, NOW, 'ready')).toBe('Token 4 min left');
    expect(tokenLifetimeText(NOW + 45_000, NOW, 'ready')).toBe('Token 45 s left');
  });

  it('never says "expired" beside "Ready": a token past its refresh point is renewed by the next request', () => {
    for (const left of [30_000, 10_000, 0, -60_000]) {
      const text = tokenLifetimeText(NOW + left, NOW, 'ready');
      expect(text).toBe('Token renews on the next request');
      expect(text).not.toMatch(/expired/i);
    }
  });

  it('says nothing without a cached token, or when the status says what is wrong', () => {
    expect(tokenLifetimeText(undefined, NOW, 'ready')).toBeNull();
    for (const status of ['error', 'needs-secret', 'starting'] as const)
      expect(tokenLifetimeText(NOW + 200_000, NOW, status)).toBeNull();
  });
});
