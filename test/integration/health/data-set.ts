/**
 * The ingestion-health data set: a provider that went silent (events only in the previous hour),
 * duplicate event.ids, events without event.type and one without event.provider. Timestamps are
 * relative to `nowMs`, so "current" is the last hour and "previous" the hour before.
 */
export const HOUR_MS = 3_600_000;

export const EXPECTED = {
  silentProvider: 'legacy.shop',
  silentPrevious: 2,
  duplicates: [
    { eventId: 'health-dup-a', copies: 3 },
    { eventId: 'health-dup-b', copies: 2 },
  ],
  missingType: 2,
  missingProvider: 1,
  /** Events stored in the current hour. */
  current: 10,
} as const;

export function healthDataSet(nowMs: number): Record<string, unknown>[] {
  const at = (minutesAgo: number) => new Date(nowMs - minutesAgo * 60_000).toISOString();
  const web = (id: string, minutesAgo: number, extra: Record<string, unknown> = {}) => ({
    'event.provider': 'web.shop',
    'event.type': 'order.placed',
    'event.id': id,
    timestamp: at(minutesAgo),
    total: 10,
    ...extra,
  });
  return [
    // Previous hour: legacy.shop (silent since) and web.shop (still active).
    {
      'event.provider': 'legacy.shop',
      'event.type': 'order.placed',
      'event.id': 'health-legacy-1',
      timestamp: at(95),
    },
    {
      'event.provider': 'legacy.shop',
      'event.type': 'order.placed',
      'event.id': 'health-legacy-2',
      timestamp: at(80),
    },
    web('health-web-prev', 100),
    // Current hour.
    web('health-web-1', 40),
    web('health-web-2', 35),
    web('health-dup-a', 30),
    web('health-dup-a', 25),
    web('health-dup-a', 20),
    web('health-dup-b', 15),
    web('health-dup-b', 10),
    { 'event.provider': 'web.shop', 'event.id': 'health-notype-1', timestamp: at(12), total: 3 },
    { 'event.provider': 'web.shop', 'event.id': 'health-notype-2', timestamp: at(8), total: 4 },
    { 'event.type': 'order.placed', 'event.id': 'health-noprovider-1', timestamp: at(5), total: 5 },
  ];
}
