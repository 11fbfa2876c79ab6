/**
 * Query timeframes (reference §1.6): `from:`/`to:`/`timeframe:` in the query win over the request's
 * defaultTimeframeStart/End (used only when both are given), which win over the last 2 hours.
 * A `from:`/`to:` value may be a timestamp, a duration (an offset from now: `from:-2h`), a long
 * (ns since epoch) or an RFC 3339 string.
 */
import type { Expression } from '../ast';
import { diagnostic } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { NS_PER_SECOND, parseRfc3339 } from '../../grail/timestamp';
import { isDuration, isTimestamp } from '../../grail/values';
import type { Value } from '../../grail/values';
import { evaluateConstant } from './evaluate';
import type { EvalEnv } from './evaluate';
import type { Timezone } from '../../grail/timestamp';
import type { TimeframeNs } from './types';

export const DEFAULT_TIMEFRAME_NS = 2n * 3600n * NS_PER_SECOND;

export function defaultTimeframe(nowNs: bigint, requestDefault: TimeframeNs | undefined): TimeframeNs {
  return requestDefault ?? { startNs: nowNs - DEFAULT_TIMEFRAME_NS, endNs: nowNs };
}

function toInstant(v: Value, nowNs: bigint): bigint | undefined {
  if (isTimestamp(v)) return v.ns;
  if (isDuration(v)) return nowNs + v.ns;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'string') return parseRfc3339(v.trim());
  return undefined;
}

type Report = (d: Diagnostic) => void;

function instantParam(name: string, e: Expression, env: EvalEnv, report: Report): bigint | undefined | null {
  const nowNs = env.nowNs;
  const r = evaluateConstant(e, env, report);
  if (!r.ok) return null;
  const ns = toInstant(r.value, nowNs);
  if (ns === undefined) {
    report(diagnostic('DQL2012', e, [name, 'a timestamp, a duration or an RFC 3339 string']));
    return null;
  }
  return ns;
}

export interface TimeframeParams {
  from?: Expression;
  to?: Expression;
  timeframe?: Expression;
}

/** Resolves fetch's timeframe; undefined when a problem was reported. */
export function resolveTimeframe(
  p: TimeframeParams,
  nowNs: bigint,
  requestDefault: TimeframeNs | undefined,
  report: Report,
  timezone?: Timezone,
): TimeframeNs | undefined {
  const env: EvalEnv = { nowNs, timezone };
  if (p.timeframe) {
    const r = evaluateConstant(p.timeframe, env, report);
    if (!r.ok) return undefined;
    const parts = typeof r.value === 'string' ? r.value.split('/') : [];
    const start = parts.length === 2 ? parseRfc3339((parts[0] ?? '').trim()) : undefined;
    const end = parts.length === 2 ? parseRfc3339((parts[1] ?? '').trim()) : undefined;
    if (start === undefined || end === undefined) {
      report(
        diagnostic('DQL2012', p.timeframe, [
          'timeframe',
          'a string "<start>/<end>" of two RFC 3339 timestamps',
        ]),
      );
      return undefined;
    }
    return checked({ startNs: start, endNs: end }, p.timeframe, report);
  }
  if (!p.from && !p.to) return defaultTimeframe(nowNs, requestDefault);
  const from = p.from ? instantParam('from', p.from, env, report) : undefined;
  const to = p.to ? instantParam('to', p.to, env, report) : undefined;
  if (from === null || to === null) return undefined;
  const endNs = to ?? nowNs;
  // ⚠ `to:` alone: the start defaults to 2 hours before it (the docs only say the other end defaults).
  const startNs = from ?? endNs - DEFAULT_TIMEFRAME_NS;
  const at = p.from && p.to ? { start: p.from.start, end: p.to.end } : ((p.from ?? p.to) as Expression);
  return checked({ startNs, endNs }, at, report);
}

function checked(
  tf: TimeframeNs,
  at: { start: number; end: number },
  report: Report,
): TimeframeNs | undefined {
  if (tf.startNs > tf.endNs) {
    report(diagnostic('DQL2017', at));
    return undefined;
  }
  return tf;
}
