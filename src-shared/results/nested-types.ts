/**
 * The wire type of a value inside an array or record field. Arrays nest their element types under
 * the pseudo-field `element`, in buckets whose `indexRange` (inclusive) covers element indexes;
 * records nest their members' types by name (reference §4, result format).
 */
import type { FieldType } from '../grail/wire';

export function childType(parent: FieldType | undefined, step: string | number): FieldType | undefined {
  if (!parent?.types) return undefined;
  if (parent.type === 'array') {
    if (typeof step !== 'number') return undefined;
    const bucket = parent.types.find(
      (b) => !b.indexRange || (b.indexRange[0] <= step && step <= b.indexRange[1]),
    );
    return bucket?.mappings.element;
  }
  if (parent.type === 'record' && typeof step === 'string')
    for (const bucket of parent.types) {
      const t = bucket.mappings[step];
      if (t) return t;
    }
  return undefined;
}
