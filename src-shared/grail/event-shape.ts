/**
 * Key-sequence shapes of pure JSON events, for the fast array path (event-scanner.ts). Events of
 * one batch nearly always carry the same keys in the same order, and everything the ingest rules
 * decide from the names alone — which `event.*` fields to generate, which names are read-only,
 * where `timestamp` is, the stored field order — is worked out once per shape into a Plan.
 *
 * Shapes form a tree (like a JavaScript engine's hidden classes): a shape is its parent's keys
 * plus one. A key that repeats one of its ancestors' or is a `__proto__`-style name has no shape:
 * such events take the reference path, which reports them.
 */
import { PROTOTYPE_KEYS } from './json-document';
import {
  DEFAULT_BUCKET,
  EVENT_KIND,
  OPENPIPELINE_PIPELINES,
  OPENPIPELINE_SOURCE,
  READ_ONLY_PREFIXES,
  UNKNOWN_VALUE,
  compareStoredFieldNames,
} from './ingest-rules';
import type { Value } from './values';

/** Shared by every event: values are immutable, and one batch can hold a million events. */
export const PIPELINES_VALUE: readonly Value[] = Object.freeze([...OPENPIPELINE_PIPELINES]);

/** Where a stored field's value comes from: a member index (≥ 0) or one of these. */
export const FROM_TIMESTAMP = -1;
export const FROM_EVENT_KIND = -2;
export const FROM_NEW_ID = -3;
export const FROM_UNKNOWN = -4;
export const FROM_PIPELINE_SOURCE = -5;
export const FROM_PIPELINES = -6;
export const FROM_BUCKET = -7;

export interface Plan {
  /** The member keys, in member order. */
  keys: string[];
  /** Member index of `timestamp`, or -1. */
  timestampMember: number;
  /** Member index of `event.kind`, or -1. */
  kindMember: number;
  missingProvider: boolean;
  missingType: boolean;
  /** Members under a read-only prefix (not stored, warned about), in member order. */
  readOnly: number[];
  /** Stored names in stored order, and where each value comes from. */
  names: string[];
  sources: number[];
  /** The value of each stored field that is the same for every event (else undefined). */
  fixed: (Value | undefined)[];
}

export class Shape {
  /** The transition taken most recently: tried first, without slicing the key from the text. */
  last: Shape | undefined;
  plan: Plan | undefined;
  private children: Map<string, Shape | null> | undefined;

  constructor(
    /** The last member's key ('' at the root). */
    readonly key: string,
    readonly parent: Shape | undefined,
    /** Number of members. */
    readonly size: number,
  ) {}

  /** The shape with `key` as the next member; undefined when the key repeats or is prototype-like. */
  child(key: string): Shape | undefined {
    const children = (this.children ??= new Map());
    let next = children.get(key);
    if (next === undefined) {
      next = PROTOTYPE_KEYS.has(key) || holds(this, key) ? null : new Shape(key, this, this.size + 1);
      children.set(key, next);
    }
    if (next) this.last = next;
    return next ?? undefined;
  }

  /** The member keys, in member order. */
  keys(): string[] {
    return keysOf(this);
  }
}

function keysOf(shape: Shape): string[] {
  const keys = new Array<string>(shape.size);
  for (let s = shape; s.parent; s = s.parent) keys[s.size - 1] = s.key;
  return keys;
}

/** Whether a member of the shape has the key (a loop: events can have many thousand keys). */
function holds(shape: Shape, key: string): boolean {
  for (let s = shape; s.parent; s = s.parent) if (s.key === key) return true;
  return false;
}

/** What finish() in flattening.ts does to an event's names, decided once for the shape. */
export function planFor(shape: Shape): Plan {
  const keys = shape.keys();
  const plan: Plan = {
    keys,
    timestampMember: keys.indexOf('timestamp'),
    kindMember: keys.indexOf('event.kind'),
    missingProvider: !keys.includes('event.provider'),
    missingType: !keys.includes('event.type'),
    readOnly: [],
    names: [],
    sources: [],
    fixed: [],
  };
  const stored: [string, number][] = [];
  keys.forEach((key, i) => {
    if (key === 'timestamp') return;
    if (isReadOnly(key)) plan.readOnly.push(i);
    else stored.push([key, key === 'event.kind' ? FROM_EVENT_KIND : i]);
  });
  if (plan.kindMember === -1) stored.push(['event.kind', FROM_EVENT_KIND]);
  if (!keys.includes('event.id')) stored.push(['event.id', FROM_NEW_ID]);
  if (plan.missingProvider) stored.push(['event.provider', FROM_UNKNOWN]);
  if (plan.missingType) stored.push(['event.type', FROM_UNKNOWN]);
  stored.push(
    ['dt.openpipeline.source', FROM_PIPELINE_SOURCE],
    ['dt.openpipeline.pipelines', FROM_PIPELINES],
    ['dt.system.bucket', FROM_BUCKET],
    ['timestamp', FROM_TIMESTAMP],
  );
  stored.sort((a, b) => compareStoredFieldNames(a[0], b[0]));
  for (const [name, source] of stored) {
    plan.names.push(name);
    plan.sources.push(source);
    plan.fixed.push(FIXED_VALUES.get(source));
  }
  return plan;
}

const FIXED_VALUES = new Map<number, Value>([
  [FROM_EVENT_KIND, EVENT_KIND],
  [FROM_UNKNOWN, UNKNOWN_VALUE],
  [FROM_PIPELINE_SOURCE, OPENPIPELINE_SOURCE],
  [FROM_PIPELINES, PIPELINES_VALUE],
  [FROM_BUCKET, DEFAULT_BUCKET],
]);

export function isReadOnly(name: string): boolean {
  return name.charCodeAt(0) === 0x64 /* d */ && READ_ONLY_PREFIXES.some((p) => name.startsWith(p));
}
