/**
 * "Add event.id": gives every pure-JSON event without an `event.id` a fresh UUID, written into the
 * text next to its first key with the same indentation, so the payload stays what the user sees
 * and arrival can be confirmed by id (no DOM; unit-tested).
 */
import { parseJsonDocument } from '../../../src-shared/grail/json-document';
import type { JsonNode } from '../../../src-shared/grail/json-document';
import { MAX_NESTING_DEPTH } from '../../../src-shared/grail/ingest-rules';

export function addEventIds(text: string, newId: () => string): { text: string; added: number } {
  const parsed = parseJsonDocument(text, MAX_NESTING_DEPTH);
  if (!parsed.ok) return { text, added: 0 };
  const root = parsed.root;
  const items: JsonNode[] = root.kind === 'array' ? root.items : [root];
  const inserts: Array<{ at: number; text: string }> = [];
  for (const item of items) {
    if (item.kind !== 'object' || item.members.some((m) => m.key === 'event.id')) continue;
    const first = item.members[0];
    const member = `"event.id": ${JSON.stringify(newId())}`;
    if (first) {
      // Repeat the whitespace between `{` and the first key, so pretty-printed text stays pretty.
      const gap = text.slice(item.start + 1, first.keyStart);
      inserts.push({ at: first.keyStart, text: `${member},${gap}` });
    } else {
      inserts.push({ at: item.start + 1, text: member });
    }
  }
  let out = text;
  for (const ins of inserts.reverse()) out = out.slice(0, ins.at) + ins.text + out.slice(ins.at);
  return { text: out, added: inserts.length };
}
