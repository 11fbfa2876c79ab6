/** What support staff should look at, derived from the panels: problems first, then warnings. */
import type {
  Duplicates,
  Finding,
  HealthPanelRun,
  MissingFields,
  ProviderActivity,
  SizeDistribution,
  Volume,
} from '../ipc/domains/health';
import { formatBytes, LARGE_EVENT_BYTES } from './sizes';

export interface FindingInputs {
  panels: readonly HealthPanelRun[];
  volume: Volume | null;
  providers: readonly ProviderActivity[] | null;
  missing: MissingFields | null;
  duplicates: Duplicates | null;
  sizes: SizeDistribution | null;
}

const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

const list = (items: readonly string[], max = 10) =>
  items.slice(0, max).join(', ') + (items.length > max ? `, … (${items.length - max} more)` : '');

export function findingsFrom(i: FindingInputs): Finding[] {
  const out: Finding[] = [];
  for (const p of i.panels)
    if (p.error)
      out.push({
        severity: 'problem',
        code: 'panel-failed',
        title: `“${p.title}” could not run`,
        detail: `${p.error.code}: ${p.error.message}`,
      });
  if (i.volume && i.volume.total === 0)
    out.push({
      severity: 'problem',
      code: 'no-events',
      title: 'No events in this timeframe',
      detail: 'No business event was stored in the selected timeframe.',
    });
  for (const p of i.providers ?? [])
    if (p.silent)
      out.push({
        severity: 'problem',
        code: 'silent-provider',
        title: `Provider “${p.provider}” went silent`,
        detail: `${plural(p.previous, 'event')} in the previous period, none in this one; last seen ${p.lastSeen ?? 'never'}.`,
      });
  if (i.missing && i.missing.missingProvider > 0)
    out.push({
      severity: 'warning',
      code: 'missing-provider',
      title: `${plural(i.missing.missingProvider, 'event')} without event.provider`,
      detail: `Stored with event.provider "unknown": ${plural(i.missing.missingProvider, 'event')} of ${i.missing.total.toLocaleString('en-US')}.`,
    });
  if (i.missing && i.missing.missingType > 0) {
    const providers = i.missing.byProvider
      .filter((p) => p.missingType > 0)
      .map((p) => `${p.provider} (${p.missingType})`);
    out.push({
      severity: 'warning',
      code: 'missing-type',
      title: `${plural(i.missing.missingType, 'event')} without event.type`,
      detail: `Stored with event.type "unknown"; by provider: ${list(providers)}.`,
    });
  }
  if (i.duplicates && i.duplicates.duplicatedIds > 0)
    out.push({
      severity: 'warning',
      code: 'duplicate-ids',
      title: `${plural(i.duplicates.duplicatedIds, 'event.id')} stored more than once${i.duplicates.truncated ? ' (at least)' : ''}`,
      detail: `Grail does not deduplicate event.id: ${plural(i.duplicates.extraCopies, 'extra copy', 'extra copies')}; ids: ${list(i.duplicates.ids.map((d) => `${d.eventId} ×${d.copies}`))}.`,
    });
  if (i.sizes && i.sizes.maxBytes >= LARGE_EVENT_BYTES) {
    const large = i.sizes.buckets
      .filter((b) => b.minBytes >= LARGE_EVENT_BYTES)
      .reduce((s, b) => s + b.count, 0);
    out.push({
      severity: 'warning',
      code: 'large-events',
      title: `${plural(large, 'event')} of ${formatBytes(LARGE_EVENT_BYTES)} or more`,
      detail: `Largest: ${formatBytes(i.sizes.maxBytes)} (event.id ${i.sizes.largest?.eventId ?? '?'}, provider ${i.sizes.largest?.provider ?? '?'}), among the newest ${plural(i.sizes.sampled, 'event')}.`,
    });
  }
  return out;
}
