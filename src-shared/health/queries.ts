/**
 * The DQL each ingestion-health panel runs. Every query names its own timeframe (`from:`/`to:`), so
 * "Open in editor" reproduces exactly what the panel ran, whatever the editor's timeframe picker says.
 */
import { dqlString } from '../grail/arrival';
import type { HealthPanelId, Period } from '../ipc/domains/health';

/** Bizlens' own canary events: tagged so they are easy to find and never reported as silent. */
export const CANARY_PROVIDER = 'bizlens.canary';
export const CANARY_TYPE = 'bizlens.canary.probe';

/** Records measured for the size distribution (DQL cannot measure a whole record; see sizes.ts). */
export const SIZE_SAMPLE = 1_000;
/** Duplicated ids listed (the biggest first). */
export const DUPLICATES_LISTED = 100;
/** Room for the provider × type × bucket rows of the volume panel. */
export const VOLUME_ROWS = 100_000;
export const PROVIDER_ROWS = 10_000;

/** Bin widths the volume chart may use, with their DQL duration literal. */
const INTERVALS: ReadonlyArray<readonly [number, string]> = [
  [60_000, '1m'],
  [5 * 60_000, '5m'],
  [15 * 60_000, '15m'],
  [30 * 60_000, '30m'],
  [3_600_000, '1h'],
  [3 * 3_600_000, '3h'],
  [6 * 3_600_000, '6h'],
  [12 * 3_600_000, '12h'],
  [86_400_000, '1d'],
];

/** Aim for at most this many buckets on the chart. */
const TARGET_BUCKETS = 60;

/** The smallest listed bin that keeps the chart within TARGET_BUCKETS. */
export function chooseInterval(periodMs: number): { ms: number; literal: string } {
  const found = INTERVALS.find(([ms]) => periodMs / ms <= TARGET_BUCKETS) ?? INTERVALS[INTERVALS.length - 1]!;
  return { ms: found[0], literal: found[1] };
}

/** The period of the same length that ends where `current` starts. */
export function previousPeriod(current: Period): Period {
  const start = Date.parse(current.start);
  const end = Date.parse(current.end);
  return { start: new Date(start - (end - start)).toISOString(), end: new Date(start).toISOString() };
}

export interface PanelQuery {
  id: HealthPanelId;
  title: string;
  query: string;
  maxResultRecords: number;
}

const fetchIn = (p: Period) => `fetch bizevents, from: ${dqlString(p.start)}, to: ${dqlString(p.end)}`;

/** A field is "missing" when absent or stored as Grail's "unknown" default (reference §3.5). */
const missing = (field: string) => `isNull(${field}) or ${field} == "unknown"`;

export function panelQueries(current: Period, previous: Period): PanelQuery[] {
  const interval = chooseInterval(Date.parse(current.end) - Date.parse(current.start));
  const both: Period = { start: previous.start, end: current.end };
  return [
    {
      id: 'volume',
      title: 'Events per provider and type over time',
      query: [
        fetchIn(current),
        `| summarize events = count(), by: {interval = bin(timestamp, ${interval.literal}), event.provider, event.type}`,
        '| sort interval asc',
      ].join('\n'),
      maxResultRecords: VOLUME_ROWS,
    },
    {
      id: 'providers',
      title: 'Last seen per provider, and providers gone silent',
      query: [
        fetchIn(both),
        `| summarize current = countIf(timestamp >= toTimestamp(${dqlString(current.start)})), previous = countIf(timestamp < toTimestamp(${dqlString(current.start)})), lastSeen = max(timestamp), by: {event.provider}`,
        '| sort lastSeen desc',
      ].join('\n'),
      maxResultRecords: PROVIDER_ROWS,
    },
    {
      id: 'missing',
      title: 'Events missing event.provider or event.type',
      query: [
        fetchIn(current),
        `| summarize total = count(), missingProvider = countIf(${missing('event.provider')}), missingType = countIf(${missing('event.type')}), by: {event.provider}`,
        '| sort total desc',
      ].join('\n'),
      maxResultRecords: PROVIDER_ROWS,
    },
    {
      id: 'duplicates',
      title: 'Duplicate event.ids',
      query: [
        fetchIn(current),
        '| filter isNotNull(event.id)',
        '| summarize copies = count(), providers = collectDistinct(event.provider), by: {event.id}',
        '| filter copies > 1',
        '| sort copies desc',
        `| limit ${DUPLICATES_LISTED + 1}`,
      ].join('\n'),
      maxResultRecords: DUPLICATES_LISTED + 1,
    },
    {
      id: 'sizes',
      title: 'Event size distribution',
      query: [fetchIn(current), '| sort timestamp desc', `| limit ${SIZE_SAMPLE}`].join('\n'),
      maxResultRecords: SIZE_SAMPLE,
    },
  ];
}
