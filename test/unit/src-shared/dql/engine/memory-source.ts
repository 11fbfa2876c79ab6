/**
 * In-memory DataSource with the store's contract: timeframe filter, order by `timestamp` with ties
 * newest-stored (highest index) first, pushed-down filters evaluated by the evaluator itself (so it
 * is the reference the DuckDB translation is tested against), optional limit, counts; it counts
 * what it yields and what it is asked.
 */
import type {
  CountBy,
  DataSource,
  GroupCount,
  ScanCursor,
  ScanRequest,
  ScanTotals,
  ScannedRecord,
} from '../../../../../src-shared/dql/engine';
import { compileExpression } from '../../../../../src-shared/dql/engine/evaluate';
import { valueKey } from '../../../../../src-shared/dql/engine/group-key';
import type { Row, Value } from '../../../../../src-shared/grail/values';

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

  /** The timeframe's records in the request's scan order. */
  private ordered(request: ScanRequest): { row: Row; seq: number }[] {
    const { startNs, endNs } = request.timeframe;
    const sign = request.order === 'asc' ? 1 : -1;
    return this.rows
      .map((row, seq) => ({ row, seq }))
      .filter(({ row }) => ts(row) >= startNs && ts(row) < endNs)
      .sort((a, b) => {
        const c = ts(a.row) < ts(b.row) ? -1 : ts(a.row) > ts(b.row) ? 1 : 0;
        return c !== 0 ? sign * c : b.seq - a.seq;
      });
  }

  private matching(request: ScanRequest): { row: Row; seq: number }[] {
    const tests = (request.filter?.conditions ?? []).map(({ condition, keep }) => {
      const ev = compileExpression(condition, () => {
        throw new Error('a pushed-down condition must compile');
      });
      return (row: Row) => (ev?.(row, { nowNs: request.filter?.nowNs ?? 0n }) === true) === keep;
    });
    return this.ordered(request).filter(({ row }) => tests.every((t) => t(row)));
  }

  async *scan(request: ScanRequest): AsyncGenerator<ScannedRecord> {
    this.requests.push(request);
    for (const { row, seq } of this.matching(request).slice(0, request.limit ?? Infinity)) {
      this.yielded++;
      yield { row, bytes: this.bytes(row, seq), cursor: { tsNs: ts(row), seq: BigInt(seq) } };
    }
  }

  async measure(request: ScanRequest, through?: ScanCursor): Promise<ScanTotals> {
    this.measured.push(request);
    let all = this.ordered(request);
    if (through) {
      const at = all.findIndex(({ row, seq }) => ts(row) === through.tsNs && BigInt(seq) === through.seq);
      all = all.slice(0, at + 1);
    }
    return { records: all.length, bytes: all.reduce((sum, { row, seq }) => sum + this.bytes(row, seq), 0) };
  }

  async countGroups(request: ScanRequest, by: CountBy): Promise<GroupCount[]> {
    const groups = new Map<string, { key: Value; count: bigint }>();
    for (const { row } of this.matching(request)) {
      const key =
        by.kind === 'field'
          ? (row.get(by.field) ?? null)
          : by.kind === 'bins'
            ? (ts(row) - by.startNs) / by.intervalNs
            : null;
      const k = valueKey(key);
      const g = groups.get(k) ?? { key, count: 0n };
      g.count++;
      groups.set(k, g);
    }
    return [...groups.values()];
  }
}
