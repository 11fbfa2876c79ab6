/**
 * "Add event.id": gives every pure-JSON event without an `event.id` (or with a null one, which
 * Grail drops) a fresh UUID, written into the text next to its first key with the same
 * indentation, so the payload stays what the user sees and arrival can be confirmed by id (no DOM;
 * unit-tested).
 */
import { parseJsonDocument } from '../../../src-shared/grail/json-document';
import type { JsonMember, JsonNode } from '../../../src-shared/grail/json-document';
import { MAX_NESTING_DEPTH } from '../../../src-shared/grail/ingest-rules';

export function addEventIds(text: string, newId: () => string): { text: string; added: number } {
  const parsed = parseJsonDocument(text, MAX_NESTING_DEPTH);
  if (!parsed.ok) return { text, added: 0 };
  const root = parsed.root;
  const items: JsonNode[] = root.kind === 'array' ? root.items : [root];
  /** Text to put at `at`, replacing what is up to `end` (nothing when absent). */
  const inserts: Array<{ at: number; end?: number; text: string }> = [];
  for (const item of items) {
    if (item.kind !== 'object') continue;
    // The last `event.id` is the one stored; a null one is dropped and Grail generates an id.
    let own: JsonMember | undefined;
    for (const m of item.members) if (m.key === 'event.id') own = m;
    if (own && own.value.kind !== 'null') continue;
    const id = JSON.stringify(newId());
    const first = item.members[0];
    const member = `"event.id": ${id}`;
    if (own) {
      inserts.push({ at: own.value.start, end: own.value.end, text: id });
    } else if (first) {
      // Repeat the whitespace between `{` and the first key, so pretty-printed text stays pretty.
      const gap = text.slice(item.start + 1, first.keyStart);
      inserts.push({ at: first.keyStart, text: `${member},${gap}` });
    } else {
      inserts.push({ at: item.start + 1, text: member });
    }
  }
  let out = text;
  for (const ins of inserts.reverse()) out = out.slice(0, ins.at) + ins.text + out.slice(ins.end ?? ins.at);
  return { text: out, added: inserts.length };
}
