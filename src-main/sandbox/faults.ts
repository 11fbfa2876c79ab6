/**
 * Seeded fault decisions: each ingest or query request draws the next decision from a mulberry32
 * sequence, so the same seed and the same request order give the same faults (replayable runs).
 */
import type { FaultSpec } from './faults-spec';
import { seededRandom } from '../../src-shared/seeded-random';

export interface FaultDecision {
  /** Delay before the request is handled, in ms. */
  readonly latencyMs: number;
  /** Status to answer with instead of handling the request. */
  readonly status?: 429 | 503;
}

export class FaultInjector {
  private readonly random: () => number;

  constructor(readonly spec: FaultSpec) {
    this.random = seededRandom(spec.seed);
  }

  /** Two draws per request (status, latency), always both, so one knob never shifts the other's sequence. */
  next(): FaultDecision {
    const r = this.random();
    const l = this.random();
    const { min, max } = this.spec.latencyMs;
    const latencyMs = min + Math.floor(l * (max - min + 1));
    if (r < this.spec.rate429) return { latencyMs, status: 429 };
    if (r < this.spec.rate429 + this.spec.rate503) return { latencyMs, status: 503 };
    return { latencyMs };
  }

  /** True when a token issued at `issuedAtSeconds` has outlived the early-expiry setting. */
  tokenExpiredEarly(issuedAtSeconds: number, nowSeconds: number): boolean {
    const ttl = this.spec.tokenTtlSeconds;
    return ttl !== undefined && issuedAtSeconds + ttl <= nowSeconds;
  }
}
