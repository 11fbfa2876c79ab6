/**
 * What the flattening tells a user about a payload besides the stored fields: every warning has a
 * stable code (the composer groups by it), the event it concerns, and where in the text it points.
 * The wording lives here so the sandbox and the composer say the same thing.
 */
import { EVENT_KIND, MAX_REQUEST_BYTES, UNKNOWN_VALUE } from './ingest-rules';

export type FlattenWarningCode =
  | 'missing-provider'
  | 'missing-type'
  | 'nested-object'
  | 'nested-array'
  | 'duplicate-key'
  | 'prototype-key'
  | 'cloudevent-invalid'
  | 'payload-too-large'
  | 'timestamp-unparseable'
  | 'timestamp-future'
  | 'timestamp-too-early'
  | 'long-overflow'
  | 'double-overflow'
  | 'event-kind-overridden'
  | 'read-only-field';

export interface FlattenWarning {
  code: FlattenWarningCode;
  /**
   * The events concerned (indexes in the body, ascending); absent for the body as a whole. One
   * warning covers every event with the same code and field, so a batch does not repeat itself.
   */
  indexes?: number[];
  /** The field or key concerned. */
  field?: string;
  /** Offset in the text to point at, for the first event concerned (a key's opening quote, an event's first character). */
  position?: number;
  message: string;
}

/** Builds warnings for one event; positions are filled by the caller. */
export const warningText = {
  missingProvider: () =>
    `'event.provider' is missing, so it is stored as '${UNKNOWN_VALUE}'. Set it to the system that sends the event; dashboards and processing rules match on it.`,
  missingType: () =>
    `'event.type' is missing, so it is stored as '${UNKNOWN_VALUE}'. Set it to what happened (e.g. com.example.order.placed); most queries filter on it.`,
  nestedObject: (field: string, leaves: readonly string[]) =>
    `'${field}' is an object: Grail stores it as one JSON string, so DQL cannot filter or aggregate on its members.` +
    (leaves.length
      ? ` To query them, send top-level dotted keys instead, e.g. ${leaves.map((l) => `'${l}'`).join(', ')}.`
      : ''),
  nestedArray: (field: string) =>
    `'${field}' is an array: Grail stores it as one JSON string, so DQL sees text, not elements. Send one top-level key per value you need to query.`,
  duplicateKey: (key: string, nested: boolean) =>
    `The key '${key}' appears more than once in one object; only the last value is ${nested ? 'kept in the stored string' : 'stored'}.`,
  prototypeKey: (key: string) =>
    `The key '${key}' is stored as an ordinary field, but JavaScript code that copies events by assignment can be prototype-polluted by it. Prefer another name.`,
  cloudEvent: (finding: string) => `Not a valid CloudEvent for the CloudEvents SDK: ${finding}.`,
  payloadTooLarge: (bytes: number) =>
    `The payload is ${bytes.toLocaleString('en-US')} bytes, over the ${MAX_REQUEST_BYTES.toLocaleString('en-US')}-byte (5 MiB) request limit: the API answers 413 and stores nothing. Split it into smaller batches.`,
  timestampUnparseable: (name: string) =>
    `The '${name}' value could not be parsed as a timestamp; the ingest time is used.`,
  timestampFuture: (name: string) =>
    `The '${name}' value is more than 10 minutes in the future; it is set to ingest time + 10 minutes.`,
  timestampTooEarly: (name: string) =>
    `The '${name}' value is before the earliest representable timestamp; the ingest time is used.`,
  longOverflow: (field: string) =>
    `The integer in '${field}' is outside the long range and is stored as a double.`,
  doubleOverflow: (field: string, stored: number) =>
    `The number in '${field}' is outside the double range and is stored as ${stored}.`,
  eventKind: () => `'event.kind' is always stored as '${EVENT_KIND}'.`,
  readOnly: (field: string) => `'${field}' is a read-only field; the value sent is replaced or ignored.`,
};
