/**
 * Time alignment `ts @ unit` and calendar arithmetic (reference §1.4), both on the wall clock of
 * the request's timezone (UTC when none is given): `@d` is local midnight, `@M` the local first of
 * the month, `now() - 1M` the same local time one month earlier (the day clamped to the month's
 * end). Fixed units (`15m`, `h`) align to multiples of the unit on that wall clock; weeks to
 * Monday (`w`, `w1`; `w0`/`w7` Sunday … `w6` Saturday). ⚠ How Grail picks between the two
 * instants of a repeated wall-clock hour (DST end) is undocumented: the earlier offset wins here.
 */
import { DURATION_UNIT_NS } from '../tokens';
import type { DurationUnit } from '../tokens';
import { UTC, civilFromDays, daysFromCivil, floorDiv } from '../../grail/timestamp';
import type { Timezone } from '../../grail/timestamp';
import { isTimestamp, timestampValue } from '../../grail/values';
import type { Value } from '../../grail/values';

const NS_PER_DAY = 86_400_000_000_000n;
const NS_PER_MINUTE = 60_000_000_000n;

function offsetNs(zone: Timezone, utcNs: bigint): bigint {
  return BigInt(zone.offsetMinutesAt(Number(floorDiv(utcNs, 1_000_000n)))) * NS_PER_MINUTE;
}

/** The wall-clock time of an instant, as ns since the local epoch. */
export function toLocal(utcNs: bigint, zone: Timezone): bigint {
  return utcNs + offsetNs(zone, utcNs);
}

/** The instant a wall-clock time stands for (its offset looked up near it, then confirmed). */
export function toUtc(localNs: bigint, zone: Timezone): bigint {
  const guess = localNs - offsetNs(zone, localNs);
  return localNs - offsetNs(zone, guess);
}

function alignLocal(local: bigint, amount: bigint, unit: string): bigint | undefined {
  const week = /^w([0-7])?$/.exec(unit);
  if (week) {
    if (amount !== 1n) return undefined;
    const firstDay = Number(week[1] ?? '1') % 7; // 0 = Sunday … 6 = Saturday
    const days = floorDiv(local, NS_PER_DAY);
    const weekday = Number((((days + 4n) % 7n) + 7n) % 7n); // 1970-01-01 was a Thursday (4)
    const back = BigInt((weekday - firstDay + 7) % 7);
    return (days - back) * NS_PER_DAY;
  }
  if (unit === 'M' || unit === 'q' || unit === 'y') {
    if (amount !== 1n) return undefined;
    const { year, month } = civilFromDays(Number(floorDiv(local, NS_PER_DAY)));
    const m = unit === 'y' ? 1 : unit === 'q' ? month - ((month - 1) % 3) : month;
    return BigInt(daysFromCivil(year, m, 1)) * NS_PER_DAY;
  }
  const unitNs = DURATION_UNIT_NS[unit as DurationUnit];
  if (unitNs === undefined) return undefined;
  const step = unitNs * amount;
  return floorDiv(local, step) * step;
}

export function alignTimestamp(v: Value, amount: bigint, unit: string, zone: Timezone = UTC): Value {
  if (!isTimestamp(v) || amount <= 0n) return null;
  const aligned = alignLocal(toLocal(v.ns, zone), amount, unit);
  return aligned === undefined ? null : timestampValue(toUtc(aligned, zone));
}

/** Months a calendar duration unit stands for (`M` 1, `q` 3, `y` 12); undefined for fixed units. */
export function calendarMonths(unit: string): number | undefined {
  return unit === 'M' ? 1 : unit === 'q' ? 3 : unit === 'y' ? 12 : undefined;
}

/** `ts ± n months` on the local calendar: same day (clamped to the month's length) and time. */
export function shiftMonths(v: Value, months: bigint, zone: Timezone = UTC): Value {
  if (!isTimestamp(v)) return null;
  const local = toLocal(v.ns, zone);
  const days = floorDiv(local, NS_PER_DAY);
  const timeOfDay = local - days * NS_PER_DAY;
  const { year, month, day } = civilFromDays(Number(days));
  const index = BigInt(year) * 12n + BigInt(month - 1) + months;
  const y = Number(floorDiv(index, 12n));
  const m = Number(index - BigInt(y) * 12n) + 1;
  const last = civilFromDays(daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - 1).day;
  const shifted = BigInt(daysFromCivil(y, m, Math.min(day, last))) * NS_PER_DAY + timeOfDay;
  return timestampValue(toUtc(shifted, zone));
}
