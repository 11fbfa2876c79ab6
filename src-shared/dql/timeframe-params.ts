/**
 * Whether a query chooses its own timeframe: `from:`, `to:` or `timeframe:` on its data source
 * command win over the request's defaultTimeframeStart/End (reference §1.6), so the editor can
 * say that its timeframe picker does not apply.
 */
import type { Query } from './ast';

const TIMEFRAME_PARAMETERS = new Set(['from', 'to', 'timeframe']);

/** The timeframe parameters written on the query's first command, as spelled there. */
export function ownTimeframeParameters(query: Query): string[] {
  const source = query.commands[0];
  if (!source) return [];
  return source.params.flatMap((p) =>
    p.type === 'named' && TIMEFRAME_PARAMETERS.has(p.name.toLowerCase()) ? [p.name] : [],
  );
}
