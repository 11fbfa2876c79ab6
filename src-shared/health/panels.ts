/**
 * Turns the panels' query results into what the view shows. Records come as the query API sends
 * them: longs as digit strings, timestamps as RFC 3339 text, absent fields missing.
 */
import type {
  Duplicates,
  MissingFields,
  Period,
  ProviderActivity,
  Volume,
  VolumeSeries,
} from '../ipc/domains/health';
import { CANARY_PROVIDER, DUPLICATES_LISTED } from './queries';

export type Row = Readonly<Record<string, unknown>> | null;

/** How a field with no value is labelled (e.g. events without `event.provider` at all). */
export const NO_VALUE = '(none)';

export function count(v: unknown): number {
  const n =
    typeof v === 'string' ? Number(v) : typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : 0;
  return Number.isFinite(n) && n > 0 ? Math.trunc(n) : 0;
}

export function label(v: unknown): string {
  if (v === null || v === undefined) return NO_VALUE;
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function rows(records: readonly Row[]): Readonly<Record<string, unknown>>[] {
  return records.filter((r): r is Readonly<Record<string, unknown>> => r !== null);
}

/** Milliseconds of a wire timestamp (nanosecond digits are cut to milliseconds). */
export function timestampMs(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(v.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? undefined : ms;
}

/** The volume panel: one series per provider/type, counts per bucket (empty buckets are 0). */
export function volumeFrom(records: readonly Row[], current: Period, intervalMs: number): Volume {
  const start = Math.floor(Date.parse(current.start) / intervalMs) * intervalMs;
  const end = Date.parse(current.end);
  const buckets = Math.max(1, Math.ceil((end - start) / intervalMs));
  const byKey = new Map<string, VolumeSeries>();
  let total = 0;
  for (const r of rows(records)) {
    const at = timestampMs(r['interval']);
    const events = count(r['events']);
    if (at === undefined || events === 0) continue;
    const provider = label(r['event.provider']);
    const type = label(r['event.type']);
    const key = JSON.stringify([provider, type]);
    let s = byKey.get(key);
    if (!s) byKey.set(key, (s = { provider, type, total: 0, counts: new Array<number>(buckets).fill(0) }));
    const i = Math.min(buckets - 1, Math.max(0, Math.floor((at - start) / intervalMs)));
    s.counts[i] = (s.counts[i] ?? 0) + events;
    s.total += events;
    total += events;
  }
  const series = [...byKey.values()].sort(
    (a, b) => b.total - a.total || a.provider.localeCompare(b.provider) || a.type.localeCompare(b.type),
  );
  const bucketStarts = Array.from({ length: buckets }, (_, i) =>
    new Date(start + i * intervalMs).toISOString(),
  );
  return { intervalMs, bucketStarts, series, total };
}

/** Last seen per provider; silent = events in the previous period and none in the current one. */
export function providersFrom(records: readonly Row[]): ProviderActivity[] {
  return rows(records)
    .map((r) => {
      const provider = label(r['event.provider']);
      const current = count(r['current']);
      const previous = count(r['previous']);
      const canary = provider === CANARY_PROVIDER;
      return {
        provider,
        current,
        previous,
        lastSeen: typeof r['lastSeen'] === 'string' ? r['lastSeen'] : null,
        silent: !canary && previous > 0 && current === 0,
        canary,
      };
    })
    .sort(
      (a, b) =>
        Number(b.silent) - Number(a.silent) ||
        (timestampMs(b.lastSeen) ?? 0) - (timestampMs(a.lastSeen) ?? 0) ||
        a.provider.localeCompare(b.provider),
    );
}

export function missingFrom(records: readonly Row[]): MissingFields {
  const out: MissingFields = { total: 0, missingProvider: 0, missingType: 0, byProvider: [] };
  for (const r of rows(records)) {
    const entry = {
      provider: label(r['event.provider']),
      total: count(r['total']),
      missingProvider: count(r['missingProvider']),
      missingType: count(r['missingType']),
    };
    out.total += entry.total;
    out.missingProvider += entry.missingProvider;
    out.missingType += entry.missingType;
    if (entry.missingProvider > 0 || entry.missingType > 0) out.byProvider.push(entry);
  }
  out.byProvider.sort((a, b) => b.missingProvider + b.missingType - (a.missingProvider + a.missingType));
  return out;
}

export function duplicatesFrom(records: readonly Row[]): Duplicates {
  const all = rows(records)
    .map((r) => ({
      eventId: label(r['event.id']),
      copies: count(r['copies']),
      providers: Array.isArray(r['providers']) ? r['providers'].map(label).sort() : [],
    }))
    .filter((d) => d.copies > 1);
  // The query asks for one more than it lists, to know whether there are more.
  const ids = all.slice(0, DUPLICATES_LISTED);
  return {
    duplicatedIds: ids.length,
    extraCopies: ids.reduce((sum, d) => sum + d.copies - 1, 0),
    ids,
    truncated: all.length > DUPLICATES_LISTED,
  };
}
