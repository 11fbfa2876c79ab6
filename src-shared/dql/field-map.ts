/**
 * The fields a command sees, as an immutable map that shares its predecessor's entries: a query
 * of 200 `fieldsAdd` lines would otherwise copy every field at every line. Lookups walk a short
 * chain of layers (flattened every 16 layers); iteration flattens once and caches.
 */
import type { FieldTypes } from './schema';

const REMOVED = Symbol('removed');
type Slot = FieldTypes | typeof REMOVED;
const MAX_DEPTH = 16;
export const NOT_FOUND: unique symbol = Symbol('not found');

export class FieldMap implements ReadonlyMap<string, FieldTypes> {
  private flat: Map<string, FieldTypes> | undefined;

  private constructor(
    private readonly parent: FieldMap | undefined,
    private readonly own: ReadonlyMap<string, Slot>,
    private readonly depth: number,
  ) {}

  static of(entries: Iterable<readonly [string, FieldTypes]>): FieldMap {
    return new FieldMap(undefined, new Map(entries), 0);
  }

  /** This map plus (or with new types for) the given fields. */
  with(entries: Iterable<readonly [string, FieldTypes]>): FieldMap {
    return this.layer(new Map(entries));
  }

  /** This map without the given fields. */
  without(names: Iterable<string>): FieldMap {
    return this.layer(new Map([...names].map((n): [string, Slot] => [n, REMOVED])));
  }

  private layer(own: Map<string, Slot>): FieldMap {
    if (this.depth < MAX_DEPTH) return new FieldMap(this, own, this.depth + 1);
    const merged = new Map<string, Slot>(this.toMap());
    for (const [k, v] of own)
      if (v === REMOVED) merged.delete(k);
      else merged.set(k, v);
    return new FieldMap(undefined, merged, 0);
  }

  /** The layer that last wrote `name`, and what it wrote. */
  private slot(name: string): Slot | undefined {
    if (this.own.has(name)) return this.own.get(name);
    return this.parent ? this.parent.slot(name) : REMOVED;
  }

  /**
   * One walk for "is it there, and what type" (`has` + `get` would walk the layers twice), without
   * allocating a result: NOT_FOUND when the field does not exist.
   */
  lookup(name: string): FieldTypes | typeof NOT_FOUND {
    const v = this.slot(name);
    return v === REMOVED ? NOT_FOUND : v;
  }

  get(name: string): FieldTypes {
    const v = this.slot(name);
    return v === REMOVED ? undefined : v;
  }

  has(name: string): boolean {
    return this.slot(name) !== REMOVED;
  }

  /** All entries, applying the layers from the oldest; computed once per map. */
  private toMap(): Map<string, FieldTypes> {
    if (this.flat) return this.flat;
    const chain: FieldMap[] = [];
    let base: Map<string, FieldTypes> | undefined;
    for (let m: FieldMap | undefined = this.parent; m && !base; m = m.parent) {
      if (m.flat) base = m.flat;
      else chain.push(m);
    }
    const out = new Map(base);
    for (const m of [...chain.reverse(), this]) {
      for (const [k, v] of m.own) {
        if (v === REMOVED) out.delete(k);
        else out.set(k, v);
      }
    }
    this.flat = out;
    return out;
  }

  get size(): number {
    return this.toMap().size;
  }
  entries(): MapIterator<[string, FieldTypes]> {
    return this.toMap().entries();
  }
  keys(): MapIterator<string> {
    return this.toMap().keys();
  }
  values(): MapIterator<FieldTypes> {
    return this.toMap().values();
  }
  forEach(fn: (value: FieldTypes, key: string, map: ReadonlyMap<string, FieldTypes>) => void): void {
    this.toMap().forEach((v, k) => fn(v, k, this));
  }
  [Symbol.iterator](): MapIterator<[string, FieldTypes]> {
    return this.entries();
  }
}
