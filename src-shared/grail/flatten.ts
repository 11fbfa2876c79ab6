/**
 * What Grail stores for a posted bizevents payload. One implementation, used by the sandbox's ingest
 * route and by the composer's "what Grail stores" preview, so the two cannot disagree.
 *
 * Shape rules (reference §3.4): top-level scalars keep their JSON type (integer lexemes → exact
 * long, other numbers → double); nested objects and arrays → compact JSON strings with the original
 * number lexemes; dotted keys are plain flat names. Enrichment and ⚠ choices: ingest-rules.ts.
 * Warnings (what a user should fix before sending): flatten-warnings.ts.
 */
import { checkCloudEvent } from './cloudevent-validation';
import { warningText } from './flatten-warnings';
import type { FlattenWarning, FlattenWarningCode } from './flatten-warnings';
import {
  CLOUDEVENT_CONSUMED,
  CLOUDEVENT_DATA_MUST_BE_OBJECT,
  CLOUDEVENT_REQUIRED,
  DEFAULT_BUCKET,
  DROP_TOP_LEVEL_NULLS,
  EVENT_KIND,
  MAX_FUTURE_NS,
  MAX_NESTING_DEPTH,
  MAX_REQUEST_BYTES,
  OPENPIPELINE_PIPELINES,
  OPENPIPELINE_SOURCE,
  READ_ONLY_PREFIXES,
  UNKNOWN_VALUE,
  classifyContentType,
  compareStoredFieldNames,
} from './ingest-rules';
import type { IngestFormat } from './ingest-rules';
import { compactDeduplicated, compactSource } from './json-compact';
import { parseJsonDocument } from './json-document';
import type { JsonMember, JsonNode, JsonObjectNode, JsonSpan, KeyIssue } from './json-document';
import { leafPaths, numberValue, plainValue } from './stored-value';
import { epochLexemeToNs, parseTimestampString } from './timestamp';
import { LONG_MIN, timestampValue } from './values';
import type { Row, Value } from './values';
import { utf8ByteLength } from './utf8';

export type { FlattenWarning, FlattenWarningCode } from './flatten-warnings';

export interface FlattenContext {
  /** Ingest time in ns since epoch (the clock is a parameter: src-shared is pure). */
  nowNs: bigint;
  /** Generates an `event.id` for events without one (a UUID in production). */
  newId: () => string;
}

export interface FlattenedEvent {
  /** Position of the event in the request body (0 for a single object). */
  index: number;
  /** The stored `timestamp`, in ns since epoch. */
  timestampNs: bigint;
  /** Stored fields in stored order (`timestamp` first); includes `timestamp` itself. */
  fields: Row;
}

export interface RejectedEvent {
  index: number;
  message: string;
  /** CloudEvent `id` / `source` when available (echoed in the ingest API's error entries). */
  id?: string;
  source?: string;
}

export type FlattenOutcome =
  | { ok: false; error: { message: string; position?: number } }
  | {
      ok: true;
      events: FlattenedEvent[];
      rejected: RejectedEvent[];
      warnings: FlattenWarning[];
      /** Where each event (by index) sits in the text: marks rejected events at their place. */
      spans: JsonSpan[];
    };

export function flattenIngestBody(text: string, contentType: string, ctx: FlattenContext): FlattenOutcome {
  return flatten(text, contentType, ctx, true);
}

/**
 * The same flattening with the whole document parsed before any event is flattened: the reference
 * the streamed path is checked against (test/unit/src-shared/grail/flatten-streaming.test.ts).
 */
export function flattenIngestBodyUnstreamed(
  text: string,
  contentType: string,
  ctx: FlattenContext,
): FlattenOutcome {
  return flatten(text, contentType, ctx, false);
}

function flatten(text: string, contentType: string, ctx: FlattenContext, streamed: boolean): FlattenOutcome {
  const format = classifyContentType(contentType);
  if (!format) {
    return {
      ok: false,
      error: { message: `The content type '${contentType.slice(0, 100)}' is not supported.` },
    };
  }
  // A UTF-8 byte order mark is not JSON whitespace, but every HTTP stack tolerates it.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = bom ? text.slice(1) : text;
  // Pure JSON arrays are flattened element by element while parsing, so a batch's parse trees die
  // young (garbage collection was most of a large batch's time). On a syntax error later in the
  // text the events flattened so far are dropped with the run: nothing of the body is stored.
  const run = new Flattening(body, ctx, bom);
  const spans: JsonSpan[] = [];
  const onRootItem =
    streamed && format === 'json'
      ? (item: JsonNode, index: number, issues: readonly KeyIssue[]) => {
          run.streamed(item, index, issues);
          spans.push({ start: item.start + bom, end: item.end + bom });
        }
      : undefined;
  // Pure JSON events only need the spans of their nested values (CloudEvents lift `data`).
  const parsed = parseJsonDocument(body, MAX_NESTING_DEPTH, {
    opaqueInsideEvents: format === 'json',
    ...(onRootItem ? { onRootItem } : {}),
  });
  if (!parsed.ok) {
    return {
      ok: false,
      error: {
        message: `The request body is not valid JSON: ${parsed.message}.`,
        position: parsed.position + bom,
      },
    };
  }
  const items = topLevelItems(parsed.root, format);
  if (!items.ok) return { ok: false, error: { message: items.message } };

  if (onRootItem && parsed.root.kind === 'array') run.streamedKeyIssues();
  else {
    run.addIssues(parsed.keyIssues);
    items.values.forEach((item, index) => run.item(item, index, format));
    run.keyIssues(parsed.keyIssues, items.values);
    for (const v of items.values) spans.push({ start: v.start + bom, end: v.end + bom });
  }
  // At most 3 bytes per UTF-16 code unit: most texts cannot be over the limit, so are not counted.
  // An ASCII text's size is its length (the native regex scan is several times faster than counting).
  const bytes =
    text.length * 3 > MAX_REQUEST_BYTES && NON_ASCII.test(text) ? utf8ByteLength(text) : text.length;
  if (bytes > MAX_REQUEST_BYTES)
    run.warnings.unshift({ code: 'payload-too-large', message: warningText.payloadTooLarge(bytes) });
  return { ok: true, events: run.events, rejected: run.rejected, warnings: run.warnings, spans };
}

const NON_ASCII = /[\u0080-\uffff]/;

type Items = { ok: true; values: JsonNode[] } | { ok: false; message: string };

function topLevelItems(root: JsonNode, format: IngestFormat): Items {
  switch (format) {
    case 'json':
      if (root.kind === 'array') return { ok: true, values: root.items };
      if (root.kind === 'object') return { ok: true, values: [root] };
      return { ok: false, message: 'The request body must be a JSON object or an array of JSON objects.' };
    case 'cloudevent':
      if (root.kind === 'object') return { ok: true, values: [root] };
      return { ok: false, message: 'The request body must be a single CloudEvent (a JSON object).' };
    case 'cloudevent-batch':
      if (root.kind === 'array') return { ok: true, values: root.items };
      return { ok: false, message: 'The request body must be a CloudEvents batch (a JSON array).' };
  }
}

/** One flattening pass over a parsed body: collects events, rejections and warnings. */
class Flattening {
  readonly events: FlattenedEvent[] = [];
  readonly rejected: RejectedEvent[] = [];
  readonly warnings: FlattenWarning[] = [];
  private index = 0;

  /** Offsets of repeated keys, ascending (the parser reports them in document order). */
  private readonly duplicates: number[] = [];

  constructor(
    private readonly text: string,
    private readonly ctx: FlattenContext,
    /** Offset of `text` in the caller's text (1 after a byte order mark). */
    private readonly offset: number,
  ) {}

  addIssues(issues: readonly KeyIssue[]): void {
    for (const i of issues) if (i.kind === 'duplicate') this.duplicates.push(i.position);
  }

  /** How many of the parser's key issues were taken in while streaming. */
  private issuesSeen = 0;
  /** Key issues of streamed items with their owner, warned about after all items (as unstreamed). */
  private readonly pendingIssues: { issue: KeyIssue; index: number; nested: boolean }[] = [];

  /**
   * A root array element, just parsed. The issues the parser found since the previous element
   * all lie inside this one (only ',' and whitespace separate elements).
   */
  streamed(item: JsonNode, index: number, issues: readonly KeyIssue[]): void {
    for (; this.issuesSeen < issues.length; this.issuesSeen++) {
      const issue = issues[this.issuesSeen] as KeyIssue;
      if (issue.kind === 'duplicate') this.duplicates.push(issue.position);
      this.pendingIssues.push({ issue, index, nested: !isTopLevelKey(item, issue.position) });
    }
    this.item(item, index, 'json');
  }

  streamedKeyIssues(): void {
    for (const p of this.pendingIssues) this.keyIssue(p.issue, p.index, p.nested);
  }

  item(node: JsonNode, index: number, format: IngestFormat): void {
    this.index = index;
    if (node.kind !== 'object') {
      this.rejected.push({ index, message: `The event at index ${index} is not a JSON object.` });
      return;
    }
    if (format === 'json') this.fromPureJson(node);
    else this.fromCloudEvent(node);
  }

  /** Warning groups by code, then by field ('' for none): no key string is built per call. */
  private readonly warningGroups = new Map<FlattenWarningCode, Map<string, FlattenWarning>>();

  /**
   * Records a warning for the current event. Warnings are grouped by code and field — a batch of
   * a thousand events with the same nested object gets one warning listing a thousand indexes —
   * and the message is only built for a group's first occurrence.
   */
  private warn(
    code: FlattenWarningCode,
    field: string | undefined,
    position: number | undefined,
    message: () => string,
  ): void {
    let byField = this.warningGroups.get(code);
    if (!byField) this.warningGroups.set(code, (byField = new Map()));
    const group = byField.get(field ?? '');
    if (group) {
      const indexes = group.indexes as number[];
      if (indexes[indexes.length - 1] !== this.index) indexes.push(this.index);
      return;
    }
    const w: FlattenWarning = { code, message: message(), indexes: [this.index] };
    if (field !== undefined) w.field = field;
    if (position !== undefined) w.position = position + this.offset;
    byField.set(field ?? '', w);
    this.warnings.push(w);
  }

  private fromPureJson(obj: JsonObjectNode): void {
    // Keys are unique unless the parser saw a repeated one inside this object.
    const fields = this.fields.reset(this.duplicateWithin(obj));
    const timestamp = this.putMembers(fields, obj.members);
    const at = fields.eventFields();
    if (at.provider === -1)
      this.warn('missing-provider', 'event.provider', obj.start, () => warningText.missingProvider());
    if (at.type === -1) this.warn('missing-type', 'event.type', obj.start, () => warningText.missingType());
    const timestampNs = this.resolveTimestamp(timestamp, 'timestamp');
    this.finish(fields, timestampNs, at);
  }

  /** Scratch for the event being flattened, reused across events (a batch can hold millions). */
  private readonly fields = new FieldList();

  private fromCloudEvent(ce: JsonObjectNode): void {
    const attrs = new Map<string, JsonMember>();
    for (const m of ce.members) attrs.set(m.key, m); // the last duplicate wins
    const text = (name: string): string | undefined => {
      const v = attrs.get(name)?.value;
      return v?.kind === 'string' ? v.value : undefined;
    };
    const id = text('id');
    const source = text('source');
    const reject = (message: string): void => {
      this.rejected.push({
        index: this.index,
        message,
        ...(id !== undefined ? { id } : {}),
        ...(source !== undefined ? { source } : {}),
      });
    };
    for (const attr of CLOUDEVENT_REQUIRED) {
      const v = attrs.get(attr)?.value;
      if (v === undefined || v.kind === 'null')
        return reject(`The CloudEvent is missing the required attribute '${attr}'.`);
      if (v.kind !== 'string' || v.value === '')
        return reject(`The CloudEvent attribute '${attr}' must be a non-empty string.`);
    }
    const dataMember = attrs.get('data');
    const data = dataMember?.value.kind === 'null' ? undefined : dataMember?.value;
    if (data !== undefined && data.kind !== 'object' && CLOUDEVENT_DATA_MUST_BE_OBJECT)
      return reject("The CloudEvent attribute 'data' must be a JSON object.");
    this.checkWithSdk(attrs);

    const fields = this.fields.reset(true);
    const extras = ce.members.filter((m) => !CLOUDEVENT_CONSUMED.has(m.key));
    const envelopeTimestamp = this.putMembers(fields, extras);
    const dataTimestamp = data?.kind === 'object' ? this.putMembers(fields, data.members) : undefined;
    fields.set('event.id', id as string);
    fields.set('event.provider', source as string);
    fields.set('event.type', text('type') as string);

    // `time` is the CloudEvents timestamp; a `timestamp` member in data (or as an extension) is the fallback.
    const time = attrs.get('time');
    const timestampNs = time
      ? this.resolveTimestamp(time, 'time')
      : this.resolveTimestamp(dataTimestamp ?? envelopeTimestamp, 'timestamp');
    this.finish(fields, timestampNs);
  }

  /** The CloudEvents SDK's verdict on the envelope (data excluded: any JSON value is valid there). */
  private checkWithSdk(attrs: Map<string, JsonMember>): void {
    const envelope: Record<string, unknown> = {};
    for (const [name, m] of attrs) {
      if (name === 'data') continue;
      Object.defineProperty(envelope, name, { value: plainValue(m.value), enumerable: true });
    }
    for (const f of checkCloudEvent(envelope)) {
      const at = f.attribute === undefined ? undefined : attrs.get(f.attribute)?.keyStart;
      this.warn('cloudevent-invalid', f.attribute, at, () => warningText.cloudEvent(f.message));
    }
  }

  /**
   * Copies members as stored top-level fields (scalars typed, objects/arrays as compact strings)
   * and returns the last `timestamp` member, which becomes the typed `timestamp` field instead.
   */
  private putMembers(fields: FieldList, members: readonly JsonMember[]): JsonMember | undefined {
    let timestamp: JsonMember | undefined;
    for (const m of members) {
      if (m.key === 'timestamp') {
        timestamp = m;
        continue;
      }
      const value = this.storedValue(m);
      if (value === undefined) fields.delete(m.key);
      else fields.put(m.key, value);
    }
    return timestamp;
  }

  private storedValue(m: JsonMember): Value | undefined {
    const v = m.value;
    switch (v.kind) {
      case 'string':
        return v.value;
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
        return DROP_TOP_LEVEL_NULLS ? undefined : null;
      case 'number': {
        const n = numberValue(v.lexeme);
        if (n.overflow === 'long')
          this.warn('long-overflow', m.key, m.keyStart, () => warningText.longOverflow(m.key));
        if (n.overflow === 'double')
          this.warn('double-overflow', m.key, m.keyStart, () =>
            warningText.doubleOverflow(m.key, n.value as number),
          );
        return n.value;
      }
      case 'object':
        this.warn('nested-object', m.key, m.keyStart, () =>
          warningText.nestedObject(m.key, leafPaths(m.key, this.built(v), 3)),
        );
        return this.compact(v);
      case 'array':
        this.warn('nested-array', m.key, m.keyStart, () => warningText.nestedArray(m.key));
        return this.compact(v);
    }
  }

  private compact(node: JsonNode): string {
    if (!this.duplicateWithin(node)) return compactSource(this.text, node.start, node.end);
    const opaque = (node.kind === 'object' || node.kind === 'array') && node.opaque;
    return opaque
      ? compactDeduplicated(this.text.slice(node.start, node.end), this.built(node))
      : compactDeduplicated(this.text, node);
  }

  /**
   * An opaque node built (rarely needed: a warning's first message, a repeated nested key).
   * Its offsets are relative to its own text, which the callers use.
   */
  private built(node: JsonNode): JsonNode {
    if (!((node.kind === 'object' || node.kind === 'array') && node.opaque)) return node;
    const parsed = parseJsonDocument(this.text.slice(node.start, node.end), MAX_NESTING_DEPTH);
    return parsed.ok ? parsed.root : node;
  }

  /** Whether a repeated key lies inside the node (binary search over the sorted offsets). */
  private duplicateWithin(node: JsonSpan): boolean {
    const d = this.duplicates;
    let lo = 0;
    let hi = d.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((d[mid] as number) <= node.start) lo = mid + 1;
      else hi = mid;
    }
    return lo < d.length && (d[lo] as number) < node.end;
  }

  /** Turns the parser's key findings into warnings on the events that contain them. */
  keyIssues(issues: readonly KeyIssue[], items: readonly JsonNode[]): void {
    let item = 0;
    for (const issue of issues) {
      while (item < items.length && (items[item] as JsonNode).end <= issue.position) item++;
      const owner = items[item];
      this.keyIssue(issue, item, owner !== undefined && !isTopLevelKey(owner, issue.position));
    }
  }

  private keyIssue(issue: KeyIssue, index: number, nested: boolean): void {
    this.index = index;
    if (issue.kind === 'duplicate')
      this.warn('duplicate-key', issue.key, issue.position, () =>
        warningText.duplicateKey(issue.key, nested),
      );
    else this.warn('prototype-key', issue.key, issue.position, () => warningText.prototypeKey(issue.key));
  }

  /** Payload timestamp → ns, with OpenPipeline's fallbacks (ingest time) and future clamp. */
  private resolveTimestamp(member: JsonMember | undefined, name: string): bigint {
    const now = this.ctx.nowNs;
    const raw = member?.value;
    if (raw === undefined || raw.kind === 'null') return now;
    let ns: bigint | undefined;
    if (raw.kind === 'number') ns = epochIntegerToNs(raw.lexeme) ?? epochLexemeToNs(raw.lexeme);
    else if (raw.kind === 'string') ns = parseTimestampString(raw.value);
    const at = member?.keyStart;
    if (ns === undefined) {
      this.warn('timestamp-unparseable', name, at, () => warningText.timestampUnparseable(name));
      return now;
    }
    const latest = now + MAX_FUTURE_NS;
    if (ns > latest) {
      this.warn('timestamp-future', name, at, () => warningText.timestampFuture(name));
      return latest;
    }
    if (ns < LONG_MIN) {
      this.warn('timestamp-too-early', name, at, () => warningText.timestampTooEarly(name));
      return now;
    }
    return ns;
  }

  /** Adds the enrichment fields and produces the stored field order. */
  private finish(fields: FieldList, timestampNs: bigint, at = fields.eventFields()): void {
    const values = fields.values;
    if (at.kind === -1) fields.append('event.kind', EVENT_KIND);
    else {
      if (values[at.kind] !== EVENT_KIND)
        this.warn('event-kind-overridden', 'event.kind', undefined, () => warningText.eventKind());
      values[at.kind] = EVENT_KIND;
    }
    if (at.id === -1) fields.append('event.id', this.ctx.newId());
    if (at.provider === -1) fields.append('event.provider', UNKNOWN_VALUE);
    if (at.type === -1) fields.append('event.type', UNKNOWN_VALUE);

    const names = fields.names;
    for (let i = 0; i < fields.length; i++) {
      const name = names[i] as string;
      if (name.charCodeAt(0) === 0x64 /* d */ && READ_ONLY_PREFIXES.some((p) => name.startsWith(p))) {
        this.warn('read-only-field', name, undefined, () => warningText.readOnly(name));
        fields.delete(name);
      }
    }
    // These names were just cleared of payload values, so they are appended, never repeated.
    fields.append('dt.openpipeline.source', OPENPIPELINE_SOURCE);
    fields.append('dt.openpipeline.pipelines', PIPELINES_VALUE);
    fields.append('dt.system.bucket', DEFAULT_BUCKET);
    fields.append('timestamp', timestampValue(timestampNs));
    this.events.push({ index: this.index, timestampNs, fields: this.inStoredOrder(fields) });
  }

  /**
   * The fields in stored order (a function of the names alone). Consecutive events of a batch
   * usually carry the same names in the same order, so the previous event's order is reused.
   */
  private inStoredOrder(fields: FieldList): Map<string, Value> {
    fields.compact();
    const { names, values, length } = fields;
    if (!sameNames(names, length, this.lastNames)) {
      this.lastNames = names.slice(0, length);
      this.lastOrder = this.lastNames
        .map((_, i) => i)
        .sort((a, b) => compareStoredFieldNames(this.lastNames[a] as string, this.lastNames[b] as string));
    }
    const ordered = new Map<string, Value>();
    for (const i of this.lastOrder) ordered.set(names[i] as string, values[i] as Value);
    return ordered;
  }

  private lastNames: readonly string[] = [];
  private lastOrder: readonly number[] = [];
}

/**
 * The fields of one event as parallel arrays with Map semantics (set replaces, delete removes).
 * Lookups are linear, which beats hashing for the dozen fields an event has; when the keys are
 * known to be unique (no repeated key in the object), `set` skips the lookup altogether.
 */
class FieldList {
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

function sameNames(names: readonly string[], length: number, last: readonly string[]): boolean {
  if (length !== last.length) return false;
  for (let i = 0; i < length; i++) if (names[i] !== last[i]) return false;
  return true;
}
/** Shared by every event: values are immutable, and one batch can hold a million events. */
const PIPELINES_VALUE: readonly Value[] = Object.freeze([...OPENPIPELINE_PIPELINES]);

/** True when the key at `position` is a member of the event object itself (not of a nested one). */
function isTopLevelKey(item: JsonNode, position: number): boolean {
  return item.kind === 'object' && item.members.some((m) => m.keyStart === position);
}

/** A plain positive integer of up to 15 digits: exact as a double, so its magnitude is too. */
const SMALL_EPOCH_INTEGER = /^[1-9]\d{0,14}$/;

/**
 * `epochLexemeToNs` for the lexeme nearly every event has (integer epoch milliseconds), without
 * its exact-decimal BigInt arithmetic; undefined for every other lexeme.
 */
export function epochIntegerToNs(lexeme: string): bigint | undefined {
  if (!SMALL_EPOCH_INTEGER.test(lexeme)) return undefined;
  const n = Number(lexeme);
  const unit = n <= 1e11 ? 1_000_000_000n : n <= 1e14 ? 1_000_000n : 1_000n;
  return BigInt(lexeme) * unit;
}
