/** The stored fields of one event while it is being flattened (reference path and CloudEvents). */
import type { Value } from './values';

/**
 * The fields of one event as parallel arrays with Map semantics (set replaces, delete removes).
 * Lookups are linear, which beats hashing for the dozen fields an event has; when the keys are
 * known to be unique (no repeated key in the object), `set` skips the lookup altogether.
 */
export class FieldList {
  names: string[] = [];
  values: (Value | typeof REMOVED)[] = [];
  length = 0;
  private unique = true;
  private removed = 0;

  reset(mayRepeat: boolean): this {
    this.length = 0;
    this.removed = 0;
    this.unique = !mayRepeat;
    return this;
  }

  private indexOf(name: string): number {
    for (let i = 0; i < this.length; i++) if (this.names[i] === name && this.values[i] !== REMOVED) return i;
    return -1;
  }

  /**
   * Where the four `event.*` fields the ingest rules enrich are (-1: absent), in one pass.
   * Compacts first, so the indexes stay valid until the next delete.
   */
  eventFields(): { kind: number; id: number; provider: number; type: number } {
    this.compact();
    const at = { kind: -1, id: -1, provider: -1, type: -1 };
    for (let i = 0; i < this.length; i++) {
      const name = this.names[i] as string;
      if (name.charCodeAt(0) !== 0x65 /* e */) continue;
      if (name === 'event.kind') at.kind = i;
      else if (name === 'event.id') at.id = i;
      else if (name === 'event.provider') at.provider = i;
      else if (name === 'event.type') at.type = i;
    }
    return at;
  }

  /** Adds a payload member (the last value of a repeated key wins). */
  put(name: string, value: Value): void {
    if (!this.unique) {
      const i = this.indexOf(name);
      if (i !== -1) {
        this.values[i] = value;
        return;
      }
    }
    this.append(name, value);
  }

  /** Sets a value whether or not the name is there. */
  set(name: string, value: Value): void {
    const i = this.indexOf(name);
    if (i === -1) this.append(name, value);
    else this.values[i] = value;
  }

  /** Adds a name known to be absent. */
  append(name: string, value: Value): void {
    this.names[this.length] = name;
    this.values[this.length++] = value;
  }

  delete(name: string): void {
    const i = this.indexOf(name);
    if (i === -1) return;
    this.values[i] = REMOVED;
    this.removed++;
  }

  /** Drops removed entries so names[0..length) are the live names. */
  compact(): void {
    if (this.removed === 0) return;
    let j = 0;
    for (let i = 0; i < this.length; i++) {
      if (this.values[i] === REMOVED) continue;
      this.names[j] = this.names[i] as string;
      this.values[j++] = this.values[i] as Value;
    }
    this.length = j;
    this.removed = 0;
  }
}

/** Marks a deleted entry in a FieldList (no stored value is a symbol). */
const REMOVED: unique symbol = Symbol('removed');

export function sameNames(names: readonly string[], length: number, last: readonly string[]): boolean {
  if (length !== last.length) return false;
  for (let i = 0; i < length; i++) if (names[i] !== last[i]) return false;
  return true;
}
