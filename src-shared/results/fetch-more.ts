/**
 * "Fetch more" after a limit cut the result: the limits to run again with. Whichever limit the
 * result's notifications name is raised tenfold (the record limit to at least tenfold the records
 * loaded), within what the API accepts; a limit that did not cut the result stays as it was.
 */
import { MAX_RESULT_LIMITS } from '../ipc/domains/query';

export interface ResultLimits {
  maxResultRecords: number;
  maxResultBytes: number;
}

const RECORD_LIMITS = new Set(['RESULT_LIMIT_RECORDS', 'API_RECORDS_LIMIT_ADDED']);

export function fetchMoreLimits(
  notificationTypes: readonly (string | undefined)[],
  loaded: number,
  used: ResultLimits,
): ResultLimits {
  const byRecords = notificationTypes.some((t) => RECORD_LIMITS.has(t ?? ''));
  const byBytes = notificationTypes.includes('RESULT_LIMIT_BYTES');
  return {
    maxResultRecords: byRecords
      ? Math.min(MAX_RESULT_LIMITS.maxResultRecords, Math.max(1000, loaded * 10))
      : used.maxResultRecords,
    maxResultBytes: byBytes
      ? Math.min(MAX_RESULT_LIMITS.maxResultBytes, used.maxResultBytes * 10)
      : used.maxResultBytes,
  };
}
