import { describe, expect, it } from 'vitest';
import { MAX_RESULT_LIMITS } from '../../../../src-shared/ipc/domains/query';
import { fetchMoreLimits } from '../../../../src-shared/results/fetch-more';

const used = { maxResultRecords: 5000, maxResultBytes: 1_000_000 };

describe('fetchMoreLimits', () => {
  it('raises the record limit when records cut the result, bytes staying', () => {
    expect(fetchMoreLimits(['RESULT_LIMIT_RECORDS'], 5000, used)).toEqual({
      maxResultRecords: 50_000,
      maxResultBytes: 1_000_000,
    });
    expect(fetchMoreLimits(['API_RECORDS_LIMIT_ADDED'], 20, { ...used, maxResultRecords: 20 })).toEqual({
      maxResultRecords: 1000,
      maxResultBytes: 1_000_000,
    });
  });

  it('raises the byte limit when bytes cut the result, records staying', () => {
    expect(fetchMoreLimits(['RESULT_LIMIT_BYTES'], 2054, used)).toEqual({
      maxResultRecords: 5000,
      maxResultBytes: 10_000_000,
    });
  });

  it('raises both when both are named, never past what the API accepts', () => {
    const big = { maxResultRecords: 9_000_000, maxResultBytes: 900_000_000 };
    expect(fetchMoreLimits(['RESULT_LIMIT_BYTES', 'RESULT_LIMIT_RECORDS'], 9_000_000, big)).toEqual(
      MAX_RESULT_LIMITS,
    );
  });

  it('keeps the limits when no limit notification is there', () => {
    expect(fetchMoreLimits(['SAMPLING_APPLIED', undefined], 10, used)).toEqual(used);
  });
});
