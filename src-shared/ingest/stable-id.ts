/**
 * Stable event ids for bulk jobs: derived from the job id and the event's index, so a retried or
 * resumed batch carries exactly the ids of its first attempt without storing a million ids.
 */

/**
 * UUID-shaped: the job id's first four groups (a random v4 UUID generated in main) and the
 * event index as the last group (12 hex digits: up to 2^48 events per job).
 */
export function stableEventId(jobId: string, index: number): string {
  return `${jobId.slice(0, 23)}-${index.toString(16).padStart(12, '0')}`;
}
