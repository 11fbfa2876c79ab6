/** Local-time labels for the health view (the report keeps the wire's UTC text). */
const SHORT = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const FULL = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function shortTime(iso: string): string {
  const ms = Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? iso : SHORT.format(ms);
}

const CLOCK = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

/** Time of day with seconds (canary runs can be seconds apart). */
export function clockTime(iso: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : CLOCK.format(ms);
}

export function fullTime(iso: string | null): string {
  if (!iso) return '—';
  const ms = Date.parse(iso.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? iso : FULL.format(ms);
}
