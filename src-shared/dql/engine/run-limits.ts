/**
 * Reads of storage bounded by the request's limits. A scan limit stops one fetch's scan before
 * the record that would take its scanned bytes over the limit; a fetch timeout stops every scan
 * soon after the deadline has passed. Either way the query goes on with what was read: both
 * limits are soft, and the result says so in a notification.
 */
import type { Row } from '../../grail/values';
import type { DataSource, ScanRequest, ScannedRecord } from './types';

/** How many records a bounded scan passes between two looks at the clock. */
const CLOCK_EVERY = 1024;

/**
 * The source with its scans cut at `deadlineMs`; `timedOut` tells whether one was. The clock is
 * read before the first record and then every CLOCK_EVERY records, and records pass through
 * without another async layer: a scan of a million records costs no more than unbounded.
 */
export function timeLimited(
  source: DataSource,
  deadlineMs: number,
  clockMs: () => number,
): { source: DataSource; timedOut: () => boolean } {
  let timedOut = false;
  const bounded: DataSource = {
    scan: (request) => ({
      [Symbol.asyncIterator](): AsyncIterator<ScannedRecord> {
        const inner = source.scan(request)[Symbol.asyncIterator]();
        let pulled = 0;
        return {
          next: () => {
            if (pulled++ % CLOCK_EVERY === 0 && clockMs() >= deadlineMs) {
              timedOut = true;
              return (inner.return?.() ?? Promise.resolve()).then(() => ({ done: true, value: undefined }));
            }
            return inner.next();
          },
          return: (value?: unknown) =>
            inner.return ? inner.return(value) : Promise.resolve({ done: true, value: undefined }),
        };
      },
    }),
    measure: (request, through) => source.measure(request, through),
    countGroups: (request, by) => source.countGroups(request, by),
    ...(source.aggregate ? { aggregate: source.aggregate.bind(source) } : {}),
  };
  return { source: bounded, timedOut: () => timedOut };
}

/**
 * One fetch's scan, in fetch order, keeping only the sampled records and stopping at the scan
 * limit. Yields each record with its stored size (what the fetch counts as scanned).
 */
export async function* limitedScan(
  source: DataSource,
  request: ScanRequest,
  options: { readonly limitBytes: number | undefined; readonly samplingRatio: number },
  onLimit: () => void,
): AsyncGenerator<{ row: Row; bytes: number }> {
  let scanned = 0;
  for await (const record of source.scan(request)) {
    if (!inSample(record, options.samplingRatio)) continue;
    if (options.limitBytes !== undefined && scanned + record.bytes > options.limitBytes) {
      onLimit();
      return;
    }
    scanned += record.bytes;
    yield { row: record.row, bytes: record.bytes };
  }
}

/**
 * Grail samples on write: a record belongs to 1 in `ratio` partitions. The sandbox picks the
 * partition from what identifies the record — its `event.id` when it has one, else its timestamp
 * — so a sample is the same whatever the plan or the storage, and stable across queries.
 */
function inSample(record: ScannedRecord, ratio: number): boolean {
  if (ratio <= 1) return true;
  const id = record.row.get('event.id');
  let x = typeof id === 'string' ? fnv1a(id) : BigInt.asUintN(64, record.cursor.tsNs);
  // splitmix64 finalizer: neighbouring keys land in unrelated partitions.
  x = BigInt.asUintN(64, (x ^ (x >> 30n)) * 0xbf58476d1ce4e5b9n);
  x = BigInt.asUintN(64, (x ^ (x >> 27n)) * 0x94d049bb133111ebn);
  x ^= x >> 31n;
  return x % BigInt(ratio) === 0n;
}

function fnv1a(s: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < s.length; i++) h = BigInt.asUintN(64, (h ^ BigInt(s.charCodeAt(i))) * 0x100000001b3n);
  return h;
}
