/**
 * In-memory DataSource with the store's contract: timeframe filter, order by `timestamp` with ties
 * newest-stored (highest index) first, optional limit; counts what it yields and what it is asked.
 */
import type {
  DataSource,
  ScanRequest,
  ScanTotals,
  ScannedRecord,
} from '../../../../../src-shared/dql/engine';
import type { Row } from '../../../../../src-shared/grail/values';

const ts = (r: Row): bigint => (r.get('timestamp') as { ns: bigint }).ns;

export class MemorySource implements DataSource {
  yielded = 0;
  requests: ScanRequest[] = [];
  measured: ScanRequest[] = [];

  /** `rows` in storage order (index = insertion sequence); `bytes` = stored size of each. */
  constructor(
    private readonly rows: readonly Row[],
    private readonly bytes: (row: Row, index: number) => number = () => 10,
  ) {}

  private inRange(request: ScanRequest): { row: Row; seq: number }[] {
    const { startNs, endNs } = request.timeframe;
    return this.rows
      .map((row, seq) => ({ row, seq }))
      .filter(({ row }) => ts(row) >= startNs && ts(row) < endNs);
  }

  async *scan(request: ScanRequest): AsyncGenerator<ScannedRecord> {
    this.requests.push(request);
    const sign = request.order === 'asc' ? 1 : -1;
    const sorted = this.inRange(request).sort((a, b) => {
      const c = ts(a.row) < ts(b.row) ? -1 : ts(a.row) > ts(b.row) ? 1 : 0;
      return c !== 0 ? sign * c : b.seq - a.seq;
    });
    for (const { row, seq } of sorted.slice(0, request.limit ?? Infinity)) {
      this.yielded++;
      yield { row, bytes: this.bytes(row, seq) };
    }
  }

  async measure(request: ScanRequest): Promise<ScanTotals> {
    this.measured.push(request);
    const all = this.inRange(request);
    return { records: all.length, bytes: all.reduce((sum, { row, seq }) => sum + this.bytes(row, seq), 0) };
  }
}
