/**
 * The timeframe picker's choices and how they become the request's defaultTimeframeStart/End
 * (pure, unit-tested). Relative presets are resolved at run time, so "last 2 hours" means the two
 * hours before the click.
 */

export const TIMEFRAME_PRESETS = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 3_600_000 },
  { id: '2h', label: 'Last 2 hours', ms: 2 * 3_600_000 },
  { id: '6h', label: 'Last 6 hours', ms: 6 * 3_600_000 },
  { id: '24h', label: 'Last 24 hours', ms: 24 * 3_600_000 },
  { id: '7d', label: 'Last 7 days', ms: 7 * 86_400_000 },
  { id: '30d', label: 'Last 30 days', ms: 30 * 86_400_000 },
] as const;

export type PresetId = (typeof TIMEFRAME_PRESETS)[number]['id'];

/** Grail's own default when a request names no timeframe is the last 2 hours (reference §1.6). */
export const DEFAULT_PRESET: PresetId = '2h';

export type TimeframeChoice =
  | { kind: 'relative'; preset: PresetId }
  /** `datetime-local` values (local time, minutes precision): "2024-05-01T08:30". */
  | { kind: 'absolute'; from: string; to: string };

export type ResolvedTimeframe =
  { ok: true; defaultTimeframeStart: string; defaultTimeframeEnd: string } | { ok: false; message: string };

export function resolveTimeframe(choice: TimeframeChoice, nowMs: number): ResolvedTimeframe {
  if (choice.kind === 'relative') {
    const preset = TIMEFRAME_PRESETS.find((p) => p.id === choice.preset) ?? TIMEFRAME_PRESETS[2];
    return {
      ok: true,
      defaultTimeframeStart: new Date(nowMs - preset.ms).toISOString(),
      defaultTimeframeEnd: new Date(nowMs).toISOString(),
    };
  }
  const from = Date.parse(choice.from);
  const to = Date.parse(choice.to);
  if (Number.isNaN(from) || Number.isNaN(to))
    return { ok: false, message: 'Enter both the start and the end.' };
  if (from >= to) return { ok: false, message: 'The start must be before the end.' };
  return {
    ok: true,
    defaultTimeframeStart: new Date(from).toISOString(),
    defaultTimeframeEnd: new Date(to).toISOString(),
  };
}

/** Why the choice cannot be used (only an absolute range can be wrong). */
export function timeframeProblem(choice: TimeframeChoice): string | undefined {
  if (choice.kind === 'relative') return undefined;
  const r = resolveTimeframe(choice, 0);
  return r.ok ? undefined : r.message;
}

/** Short text for the picker's button/summary. */
export function describeTimeframe(choice: TimeframeChoice): string {
  if (choice.kind === 'relative') return TIMEFRAME_PRESETS.find((p) => p.id === choice.preset)?.label ?? '';
  return `${choice.from.replace('T', ' ')} – ${choice.to.replace('T', ' ')}`;
}

/** A `datetime-local` value for a moment, in local time. */
export function toLocalInput(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
