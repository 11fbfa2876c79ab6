/**
 * Checks one bulk record and gives it a stable identity before its first attempt: the text must be
 * one JSON object (checked by the ingest parser, so errors are positioned and depth-limited), and an
 * event without an id gets the job's stable id for its index (`event.id`, or `id` for a CloudEvent).
 */
import { MAX_NESTING_DEPTH } from '../grail/ingest-rules';
import { compactSource } from '../grail/json-compact';
import { parseJsonDocument } from '../grail/json-document';
import { BulkInputError } from './bulk-input-error';
import type { SourceRecord } from './record-readers';
import { positionInRecord } from './source-position';

export type BulkEventKind = 'json' | 'cloudevent';

export interface PreparedEvent {
  /** Compact JSON text to put into a batch. */
  text: string;
  kind: BulkEventKind;
  /** The event's id as it will be stored (its own, or the stable one added here). */
  id: string;
}

export function prepareRecord(
  record: SourceRecord,
  stableId: string,
  jobKind?: BulkEventKind,
): PreparedEvent {
  const { text } = record;
  const parsed = parseJsonDocument(text, MAX_NESTING_DEPTH);
  if (!parsed.ok)
    throw new BulkInputError(
      `Not valid JSON: ${parsed.message}.`,
      positionInRecord(text, parsed.position, record.at),
    );
  const root = parsed.root;
  if (root.kind !== 'object')
    throw new BulkInputError(
      'The event is not a JSON object.',
      positionInRecord(text, root.start, record.at),
    );
  let kind: BulkEventKind = 'json';
  let hasPlainId = false;
  let hasCloudId = false;
  for (const m of root.members) {
    if (m.key === 'specversion') kind = 'cloudevent';
    else if (m.key === 'event.id') hasPlainId = true;
    else if (m.key === 'id') hasCloudId = true;
  }
  if (jobKind !== undefined && kind !== jobKind)
    throw new BulkInputError(
      jobKind === 'cloudevent'
        ? 'The event is not a CloudEvent (no specversion), but the file starts with CloudEvents; one job sends one format.'
        : 'The event is a CloudEvent, but the file starts with plain JSON events; one job sends one format.',
      positionInRecord(text, root.start, record.at),
    );
  const compact = compactSource(text, root.start, root.end);
  const has = kind === 'cloudevent' ? hasCloudId : hasPlainId;
  if (has) {
    const id = lastString(root.members, kind === 'cloudevent' ? 'id' : 'event.id');
    // An id that is present but empty or not a string is the user's to fix: Grail would not store it as one.
    if (id === undefined)
      throw new BulkInputError(
        `The event's '${kind === 'cloudevent' ? 'id' : 'event.id'}' must be a non-empty string.`,
        positionInRecord(text, root.start, record.at),
      );
    return { text: compact, kind, id };
  }
  const key = kind === 'cloudevent' ? '"id"' : '"event.id"';
  const member = `${key}:${JSON.stringify(stableId)}`;
  const rest = compact.slice(1);
  return { text: `{${member}${root.members.length ? ',' : ''}${rest}`, kind, id: stableId };
}

type Members = readonly { key: string; value: { kind: string; value?: unknown } }[];

/** The last member wins, as in the ingest rules for duplicate keys. */
function lastString(members: Members, key: string): string | undefined {
  let out: string | undefined;
  for (const m of members)
    if (m.key === key)
      out = m.value.kind === 'string' && m.value.value !== '' ? (m.value.value as string) : undefined;
  return out;
}
