/**
 * Generated bulk events: N copies of a template with some fields set by generators (sequence,
 * uuid, timestamp range, pick from a list, random number range). Every value is a pure function of
 * (seed, event index, field), so a resumed job regenerates exactly the events it sent before.
 */
import type { z } from 'zod';
import type { FieldGeneratorSchema } from '../ipc/domains/ingest';
import { BulkInputError } from './bulk-input-error';
import type { BulkEventKind } from './prepare-event';

/** sequence, uuid, timestampRange, pick, randomNumber: the IPC schema is the one definition. */
export type FieldGenerator = z.infer<typeof FieldGeneratorSchema>;

export interface GeneratorSpec {
  /** A JSON object: a plain event or a CloudEvent. */
  template: string;
  count: number;
  seed: number;
  fields: FieldGenerator[];
}

export interface CompiledGenerator {
  kind: BulkEventKind;
  count: number;
  /** The event at `index` as compact JSON, carrying `id` unless a generator sets the id field. */
  eventText(index: number, id: string): string;
}

const CLOUDEVENT_ATTRIBUTES = new Set([
  'id',
  'source',
  'type',
  'specversion',
  'time',
  'subject',
  'datacontenttype',
  'dataschema',
]);

export function compileGenerator(spec: GeneratorSpec): CompiledGenerator {
  let template: unknown;
  try {
    template = JSON.parse(spec.template);
  } catch (err) {
    throw new BulkInputError(`The template is not valid JSON: ${(err as Error).message}`);
  }
  if (typeof template !== 'object' || template === null || Array.isArray(template))
    throw new BulkInputError('The template must be one JSON object (an event or a CloudEvent).');
  const base = template as Record<string, unknown>;
  const kind: BulkEventKind = 'specversion' in base ? 'cloudevent' : 'json';
  const idField = kind === 'cloudevent' ? 'id' : 'event.id';
  const inEnvelope = (f: FieldGenerator) => kind === 'json' || CLOUDEVENT_ATTRIBUTES.has(f.field);
  const envelope = spec.fields.map((f, i) => ({ f, i })).filter(({ f }) => inEnvelope(f));
  const inData = spec.fields.map((f, i) => ({ f, i })).filter(({ f }) => !inEnvelope(f));
  const envelopeValues = envelope.map(({ f, i }) => memberWriter(f, valueOf(f, i, spec)));
  const dataValues = inData.map(({ f, i }) => memberWriter(f, valueOf(f, i, spec)));
  const setsId = envelope.some(({ f }) => f.field === idField);
  // Why text, not objects: the fixed part of the template is serialized once; each event only
  // adds its generated members (a million events, a million small strings instead of objects).
  const generated = new Set(envelope.map(({ f }) => f.field));
  if (kind === 'cloudevent') generated.add('data');
  const rest = membersText(base, generated, idField);
  const data = base.data;
  const dataObject =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : {};
  const dataRest =
    kind === 'cloudevent' ? membersText(dataObject, new Set(inData.map(({ f }) => f.field))) : '';
  const idKey = JSON.stringify(idField);
  return {
    kind,
    count: spec.count,
    eventText(index, id) {
      let out = setsId ? '{' : `{${idKey}:${JSON.stringify(id)}`;
      for (const write of envelopeValues) out = write(out, index);
      if (rest) out += out.length > 1 ? `,${rest}` : rest;
      if (kind === 'cloudevent') {
        // CloudEvent fields outside the context attributes go into `data`.
        let d = '{';
        for (const write of dataValues) d = write(d, index);
        if (dataRest) d += d.length > 1 ? `,${dataRest}` : dataRest;
        out += `,"data":${d}}`;
      }
      return `${out}}`;
    },
  };
}

/** The members of `obj` except `skip` (and `alsoSkip`), as JSON text without the braces. */
function membersText(obj: Record<string, unknown>, skip: ReadonlySet<string>, alsoSkip?: string): string {
  const kept: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    if (skip.has(key) || key === alsoSkip) continue;
    // defineProperty keeps a "__proto__" key an ordinary member.
    Object.defineProperty(kept, key, {
      value: obj[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return JSON.stringify(kept).slice(1, -1);
}

/** Appends `"field":value` to the object text being built. */
function memberWriter(
  f: FieldGenerator,
  value: (index: number) => unknown,
): (out: string, index: number) => string {
  const key = JSON.stringify(f.field);
  return (out, index) => `${out}${out.length > 1 ? ',' : ''}${key}:${JSON.stringify(value(index)) ?? 'null'}`;
}

function valueOf(f: FieldGenerator, position: number, spec: GeneratorSpec): (index: number) => unknown {
  const rand = (index: number): number => random01(spec.seed, index, position);
  switch (f.kind) {
    case 'sequence':
      return f.prefix === undefined
        ? (i) => f.start + f.step * i
        : (i) => `${f.prefix}${f.start + f.step * i}`;
    case 'uuid':
      return (i) => uuidFrom(spec.seed, i, position);
    case 'timestampRange': {
      const from = Date.parse(f.from);
      const to = Date.parse(f.to);
      if (Number.isNaN(from) || Number.isNaN(to) || to < from)
        throw new BulkInputError(
          `Generator for '${f.field}': the timestamp range needs two ISO times, from ≤ to.`,
        );
      // Spread evenly over the range in event order (a replay of a day, in order).
      const step = spec.count > 1 ? (to - from) / (spec.count - 1) : 0;
      return (i) => new Date(Math.round(from + step * i)).toISOString();
    }
    case 'pick':
      if (f.values.length === 0)
        throw new BulkInputError(`Generator for '${f.field}': the list to pick from is empty.`);
      return (i) => f.values[Math.floor(rand(i) * f.values.length)];
    case 'randomNumber': {
      if (!(f.min <= f.max)) throw new BulkInputError(`Generator for '${f.field}': min must not exceed max.`);
      const scale = 10 ** f.decimals;
      const low = Math.ceil(f.min);
      const span = Math.floor(f.max) - low + 1;
      // Integers are uniform over [min, max] inclusive; decimals over [min, max) rounded.
      return f.decimals === 0
        ? (i) => low + Math.floor(rand(i) * span)
        : (i) => Math.round((f.min + rand(i) * (f.max - f.min)) * scale) / scale;
    }
  }
}

/** A uniform number in [0, 1) from (seed, index, field): splitmix-style integer mixing. */
function random01(seed: number, index: number, field: number): number {
  return mix32(seed, index, field) / 4294967296;
}

function mix32(seed: number, index: number, field: number): number {
  let h = (seed ^ Math.imul(index | 0, 0x9e3779b1) ^ Math.imul(field + 1, 0x85ebca6b)) >>> 0;
  h ^= Math.floor(index / 4294967296);
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A version-4-shaped UUID derived from (seed, index, field). */
function uuidFrom(seed: number, index: number, field: number): string {
  const hex = (n: number) => n.toString(16).padStart(8, '0');
  const a = hex(mix32(seed, index, field * 4));
  const b = hex(mix32(seed, index, field * 4 + 1));
  const c = hex(mix32(seed, index, field * 4 + 2));
  const d = hex(mix32(seed, index, field * 4 + 3));
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-${((parseInt(c[0] as string, 16) & 3) | 8).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}
