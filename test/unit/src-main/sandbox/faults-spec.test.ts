import { describe, expect, it } from 'vitest';
import {
  FaultSpecError,
  NO_FAULTS,
  formatFaultSpec,
  isInert,
  parseFaultSpec,
} from '../../../../src-main/sandbox/faults-spec';

function errorOf(text: string): FaultSpecError {
  try {
    parseFaultSpec(text);
  } catch (err) {
    if (err instanceof FaultSpecError) return err;
    throw err;
  }
  throw new Error(`'${text}' parsed without error`);
}

describe('parseFaultSpec', () => {
  it('reads every key', () => {
    expect(parseFaultSpec('429=0.1,503=0.05,latency=50-200,tokenTtl=30,seed=42,retryAfter=3')).toEqual({
      rate429: 0.1,
      rate503: 0.05,
      latencyMs: { min: 50, max: 200 },
      tokenTtlSeconds: 30,
      retryAfterSeconds: 3,
      seed: 42,
    });
  });

  it('takes a single latency, spaces around items, and an empty spec as no faults', () => {
    expect(parseFaultSpec(' latency=20 , seed=7').latencyMs).toEqual({ min: 20, max: 20 });
    expect(parseFaultSpec('')).toEqual(NO_FAULTS);
    expect(isInert(parseFaultSpec('seed=9'))).toBe(true);
    expect(isInert(parseFaultSpec('503=0.5'))).toBe(false);
  });

  it.each([
    ['429=1.5', 1 + 4, "'429' expects a share from 0 to 1, got '1.5'"],
    ['seed=1,bogus=2', 8, "unknown key 'bogus'"],
    ['seed=1,,429=0.1', 8, 'empty item'],
    ['429=0.1,latency', 9, "'latency' needs the form key=value"],
    ['latency=200-50', 9, "'latency' minimum 200 is above its maximum 50"],
    ['latency=abc', 9, "'latency' expects milliseconds"],
    ['tokenTtl=0', 10, "'tokenTtl' expects whole seconds from 1 to 300"],
    ['seed=1.5', 6, "'seed' expects an integer"],
    ['seed=1,seed=2', 8, "'seed' is given twice"],
    ['429=0.6,503=0.6', 1, 'add up to more than 1'],
    ['503=', 5, "'503' expects a share"],
  ])('rejects %s at column %i', (text, column, message) => {
    const err = errorOf(text);
    expect(err.column).toBe(column);
    expect(err.message).toContain(`column ${column}`);
    expect(err.message).toContain(message);
  });

  it('formats back to a spec that parses to the same value', () => {
    const spec = parseFaultSpec('503=0.25,latency=5-9,tokenTtl=12,retryAfter=4,seed=3');
    expect(parseFaultSpec(formatFaultSpec(spec))).toEqual(spec);
  });
});
