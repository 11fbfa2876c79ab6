/**
 * What the analyzer knows about data before running anything (Kusto's GlobalState): the standard
 * fields of the data objects, plus field names learned from the environment's recent results.
 * Bizevents are schemaless, so a field missing here is only a warning.
 */
import type { Query } from './ast';
import type { DqlType } from './catalog';
import type { RangedFieldTypes, WireFieldTypeName } from '../grail/wire';

/** A field's possible types; `undefined` = not known. */
export type FieldTypes = readonly DqlType[] | undefined;

export interface Schema {
  /** Standard fields per data object (`fetch <name>`). */
  readonly dataObjects: ReadonlyMap<string, ReadonlyMap<string, FieldTypes>>;
  /** Fields seen in recent results of the connected environment, per data object ('' = any). */
  readonly learned: ReadonlyMap<string, ReadonlyMap<string, FieldTypes>>;
}

const t = (...types: DqlType[]): FieldTypes => types;

const BIZEVENT_FIELDS: ReadonlyMap<string, FieldTypes> = new Map([
  ['timestamp', t('timestamp')],
  ['event.id', t('string')],
  ['event.kind', t('string')],
  ['event.provider', t('string')],
  ['event.type', t('string')],
  ['dt.system.bucket', t('string')],
  ['dt.openpipeline.source', t('string')],
  ['dt.openpipeline.pipelines', t('array')],
]);

const LOG_FIELDS: ReadonlyMap<string, FieldTypes> = new Map([
  ['timestamp', t('timestamp')],
  ['content', t('string')],
  ['loglevel', t('string')],
  ['status', t('string')],
  ['log.source', t('string')],
  ['dt.system.bucket', t('string')],
]);

const EVENT_FIELDS: ReadonlyMap<string, FieldTypes> = new Map([
  ['timestamp', t('timestamp')],
  ['event.id', t('string')],
  ['event.kind', t('string')],
  ['event.name', t('string')],
  ['event.type', t('string')],
  ['event.status', t('string')],
  ['dt.system.bucket', t('string')],
]);

const SPAN_FIELDS: ReadonlyMap<string, FieldTypes> = new Map([
  ['timestamp', t('timestamp')],
  ['start_time', t('timestamp')],
  ['end_time', t('timestamp')],
  ['duration', t('duration')],
  ['span.name', t('string')],
  ['trace.id', t('uid')],
  ['span.id', t('uid')],
]);

export const DEFAULT_SCHEMA: Schema = {
  dataObjects: new Map([
    ['bizevents', BIZEVENT_FIELDS],
    ['logs', LOG_FIELDS],
    ['events', EVENT_FIELDS],
    ['spans', SPAN_FIELDS],
  ]),
  learned: new Map(),
};

/** Fields the analyzer may assume after `fetch <dataObject>`. */
export function fieldsOf(schema: Schema, dataObject: string): Map<string, FieldTypes> {
  const out = new Map(schema.dataObjects.get(dataObject) ?? [['timestamp', t('timestamp')]]);
  for (const source of [schema.learned.get(''), schema.learned.get(dataObject)]) {
    for (const [name, types] of source ?? []) if (!out.has(name)) out.set(name, types);
  }
  return out;
}

const WIRE_TO_DQL: Readonly<Record<WireFieldTypeName, DqlType | undefined>> = {
  boolean: 'boolean',
  string: 'string',
  double: 'double',
  long: 'long',
  timestamp: 'timestamp',
  timeframe: 'timeframe',
  duration: 'duration',
  binary: 'binary',
  ip_address: 'ip',
  geo_point: 'geopoint',
  array: 'array',
  record: 'record',
  uid: 'uid',
  smartscape_id: 'smartscapeid',
  undefined: undefined,
};

/** Field names and types from a result's `types` (Grail's ranged mappings; a field may vary). */
export function fieldsFromResultTypes(types: readonly RangedFieldTypes[]): Map<string, FieldTypes> {
  const out = new Map<string, Set<DqlType>>();
  for (const range of types) {
    for (const [name, ft] of Object.entries(range.mappings)) {
      const set = out.get(name) ?? new Set<DqlType>();
      const dql = WIRE_TO_DQL[ft.type];
      if (dql) set.add(dql);
      out.set(name, set);
    }
  }
  return new Map([...out].map(([name, set]) => [name, set.size ? [...set] : undefined]));
}

/** A schema that also knows the given learned fields (merged over what it already learned). */
export function withLearnedFields(
  schema: Schema,
  dataObject: string,
  fields: ReadonlyMap<string, FieldTypes>,
): Schema {
  const learned = new Map(schema.learned);
  learned.set(dataObject, new Map([...(learned.get(dataObject) ?? []), ...fields]));
  return { ...schema, learned };
}

/** Commands that keep records as they are stored (they only drop, order or pick records). */
const PASS_THROUGH = new Set([
  'filter',
  'filterout',
  'sort',
  'limit',
  'dedup',
  'search',
  'fieldskeep',
  'fieldsremove',
]);

/**
 * The data object whose stored fields a query's result shows, or undefined when commands reshape
 * the records (then the result's field names say nothing about the data object).
 */
export function learnableDataObject(query: Query): string | undefined {
  const [first, ...rest] = query.commands;
  const source = first?.params[0]?.value;
  if (first?.name.toLowerCase() !== 'fetch' || source?.type !== 'field') return undefined;
  return rest.every((c) => PASS_THROUGH.has(c.name.toLowerCase())) ? source.name : undefined;
}
