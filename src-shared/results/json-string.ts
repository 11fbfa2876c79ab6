/**
 * Grail stores nested objects of a posted event as JSON text; this recognises such a string so
 * the table can offer a parsed tree. Cheap checks first (first/last character), and a size cap.
 */

export const JSON_STRING_LIMIT = 1_000_000;

export type JsonStringParse = { ok: true; value: object } | { ok: false };

/** The parsed object or array when `text` is a JSON object/array (not a bare scalar), else `{ok:false}`. */
export function parseJsonString(text: unknown): JsonStringParse {
  if (typeof text !== 'string' || text.length < 2 || text.length > JSON_STRING_LIMIT) return { ok: false };
  const first = text.trimStart()[0];
  const last = text.trimEnd().at(-1);
  if (!((first === '{' && last === '}') || (first === '[' && last === ']'))) return { ok: false };
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? { ok: true, value } : { ok: false };
  } catch {
    return { ok: false };
  }
}

/**
 * A cheap guess, for every drawn cell, whether a string may hold a JSON object or array (its first
 * and last characters); parseJsonString decides when the value is opened.
 */
export function looksLikeJsonText(text: string): boolean {
  if (text.length < 2) return false;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(text.length - 1);
  return (first === 0x7b && last === 0x7d) || (first === 0x5b && last === 0x5d);
}
