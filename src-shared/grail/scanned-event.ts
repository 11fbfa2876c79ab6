/**
 * Stores an event the fast array scanner accepted (event-scanner.ts) exactly as the reference
 * path (Flattening.item) would: the same values, the same warnings in the same order, the same
 * stored field order — with the name-only decisions taken from the shape's Plan (event-shape.ts)
 * instead of being redone per event.
 */
import type { EventScanner } from './event-scanner';
import * as scanned from './event-scanner';
import * as shapes from './event-shape';
import { warningText } from './flatten-warnings';
import { lexemeToNs } from './flattening';
import type { Flattening } from './flattening';
import * as rules from './ingest-rules';
import { compactSource } from './json-compact';
import { parseIngestTimestampString } from './timestamp';
import type { Value } from './values';

// Module-local copies: under tsx (the sandbox, the benches) every read of an imported binding is
// a getter call, which showed up in profiles of this per-member code.
const { KIND_STRING, KIND_TRUE, KIND_FALSE, KIND_INTEGER, KIND_NUMBER, KIND_OBJECT } = scanned;
const { FROM_TIMESTAMP, FROM_NEW_ID } = shapes;
const { planFor } = shapes;
const { EVENT_KIND } = rules;

export function storeScannedEvent(run: Flattening, scan: EventScanner, index: number, start: number): void {
  run.index = index;
  const values = run.memberValues;
  const shape = scan.shape;
  const plan = (shape.plan ??= planFor(shape));
  const { keys, timestampMember } = plan;
  for (let i = 0; i < scan.count; i++)
    if (i !== timestampMember) values[i] = memberValue(run, scan, i, keys[i] as string);
  if (plan.missingProvider)
    run.warn('missing-provider', 'event.provider', start, warningText.missingProvider);
  if (plan.missingType) run.warn('missing-type', 'event.type', start, warningText.missingType);
  const timestampNs =
    timestampMember === -1
      ? run.ctx.nowNs
      : run.checkedTimestamp(
          payloadTimestampNs(run, scan, timestampMember),
          'timestamp',
          scan.keyStarts[timestampMember] as number,
        );
  if (plan.kindMember !== -1 && values[plan.kindMember] !== EVENT_KIND)
    run.warn('event-kind-overridden', 'event.kind', undefined, warningText.eventKind);
  for (const i of plan.readOnly) {
    const name = keys[i] as string;
    run.warn('read-only-field', name, undefined, () => warningText.readOnly(name));
  }
  const { names, sources, fixed } = plan;
  const timestamp = run.timestampOf(timestampNs);
  const stored = run.storedValues;
  for (let j = 0; j < names.length; j++) {
    const from = sources[j] as number;
    stored[j] =
      from >= 0
        ? (values[from] as Value)
        : from === FROM_TIMESTAMP
          ? timestamp
          : from === FROM_NEW_ID
            ? run.ctx.newId()
            : (fixed[j] as Value);
  }
  // The sandbox's batches take the values as they are; only the outcome's events need a Map.
  const sink = run.ctx.sink;
  if (sink) return sink.named(timestampNs, names, stored);
  const fields = new Map<string, Value>();
  for (let j = 0; j < names.length; j++) fields.set(names[j] as string, stored[j] as Value);
  run.emit({ index, timestampNs, fields });
}

function memberValue(run: Flattening, scan: EventScanner, i: number, key: string): Value {
  switch (scan.kinds[i]) {
    case KIND_STRING:
      return scan.strings[i] as string;
    case KIND_TRUE:
      return true;
    case KIND_FALSE:
      return false;
    case KIND_INTEGER:
      return BigInt(scan.integers[i] as number);
    case KIND_NUMBER:
      return run.storedNumber(run.text.slice(scan.starts[i], scan.ends[i]), key, scan.keyStarts[i] as number);
    default: {
      const start = scan.starts[i] as number;
      const end = scan.ends[i] as number;
      run.nestedWarning(
        scan.kinds[i] === KIND_OBJECT ? 'object' : 'array',
        key,
        scan.keyStarts[i] as number,
        start,
        end,
      );
      return scan.spaced[i] ? compactSource(run.text, start, end) : run.text.slice(start, end);
    }
  }
}

function payloadTimestampNs(run: Flattening, scan: EventScanner, i: number): bigint | undefined {
  const kind = scan.kinds[i];
  if (kind === KIND_STRING) return parseIngestTimestampString(scan.strings[i] as string, run.ctx.nowNs);
  if (kind === KIND_INTEGER || kind === KIND_NUMBER)
    return lexemeToNs(run.text.slice(scan.starts[i], scan.ends[i]));
  return undefined;
}
