/**
 * Time alignment `ts @ unit` (reference §1.4): rounds a timestamp down to the unit. Fixed units
 * (`15m`, `h`, `d`) align to multiples since the epoch; weeks to Monday (`w`, `w1`; `w0`/`w7`
 * Sunday … `w6` Saturday), `M`/`q`/`y` to the calendar. ⚠ In UTC: the request timezone is not
 * applied yet.
 */
import { DURATION_UNIT_NS } from '../tokens';
import type { DurationUnit } from '../tokens';
import { civilFromDays, daysFromCivil, floorDiv } from '../../grail/timestamp';
import { isTimestamp, timestampValue } from '../../grail/values';
import type { Value } from '../../grail/values';

const NS_PER_DAY = 86_400_000_000_000n;

export function alignTimestamp(v: Value, amount: bigint, unit: string): Value {
  if (!isTimestamp(v) || amount <= 0n) return null;
  const week = /^w([0-7])?$/.exec(unit);
  if (week) {
    if (amount !== 1n) return null;
    const firstDay = Number(week[1] ?? '1') % 7; // 0 = Sunday … 6 = Saturday
    const days = floorDiv(v.ns, NS_PER_DAY);
    const weekday = Number((((days + 4n) % 7n) + 7n) % 7n); // 1970-01-01 was a Thursday (4)
    const back = BigInt((weekday - firstDay + 7) % 7);
    return timestampValue((days - back) * NS_PER_DAY);
  }
  if (unit === 'M' || unit === 'q' || unit === 'y') {
    if (amount !== 1n) return null;
    const { year, month } = civilFromDays(Number(floorDiv(v.ns, NS_PER_DAY)));
    const m = unit === 'y' ? 1 : unit === 'q' ? month - ((month - 1) % 3) : month;
    return timestampValue(BigInt(daysFromCivil(year, m, 1)) * NS_PER_DAY);
  }
  const unitNs = DURATION_UNIT_NS[unit as DurationUnit];
  if (unitNs === undefined) return null;
  const step = unitNs * amount;
  return timestampValue(floorDiv(v.ns, step) * step);
}
