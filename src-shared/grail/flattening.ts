/**
 * One flattening pass over a parsed body (the reference path: events as parse nodes), and what it
 * shares with the fast array path (scanned-event.ts): warnings, stored values, timestamps.
 */
import { liftCloudEvent } from './cloudevent-lift';
import { FieldList, sameNames } from './field-list';
import type { FlattenContext, FlattenedEvent, RejectedEvent } from './flatten';
import { warningText } from './flatten-warnings';
import type { FlattenWarning, FlattenWarningCode } from './flatten-warnings';
import {
  DEFAULT_BUCKET,
  DROP_TOP_LEVEL_NULLS,
  EVENT_KIND,
  MAX_FUTURE_NS,
  MAX_NESTING_DEPTH,
  OPENPIPELINE_SOURCE,
  UNKNOWN_VALUE,
  compareStoredFieldNames,
} from './ingest-rules';
import type { IngestFormat } from './ingest-rules';
import { compactDeduplicated, compactSource } from './json-compact';
import { parseJsonDocument } from './json-document';
import type { JsonMember, JsonNode, JsonObjectNode, JsonSpan, KeyIssue } from './json-document';
import { PIPELINES_VALUE, isReadOnly } from './event-shape';
import { leafPaths, numberValue } from './stored-value';
import { epochIntegerToNs, epochLexemeToNs, parseIngestTimestampString } from './timestamp';
import { LONG_MIN, timestampValue } from './values';
import type { TimestampValue, Value } from './values';

export class Flattening {
  readonly events: FlattenedEvent[] = [];
  readonly rejected: RejectedEvent[] = [];
  readonly warnings: FlattenWarning[] = [];
  /** The event being flattened (warnings are recorded against it). */
  index = 0;

  /** Offsets of repeated keys, ascending (the parser reports them in document order). */
  private readonly duplicates: number[] = [];

  /** Scratch for the event being flattened, reused across events (a batch can hold millions). */
  readonly fields = new FieldList();
  /** The same for the fast array path (scanned-event.ts): values by member index… */
  readonly memberValues: Value[] = [];
  /** …and by stored name. */
  readonly storedValues: Value[] = [];

  /** The stored ingest time, one value for every event that gets it. */
  private readonly nowValue: TimestampValue;

  constructor(
    readonly text: string,
    readonly ctx: FlattenContext,
    /** Offset of `text` in the caller's text (1 after a byte order mark). */
    private readonly offset: number,
  ) {
    this.nowValue = timestampValue(ctx.nowNs);
  }

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
    else liftCloudEvent(this, node);
  }

  /** Warning groups by code, then by field ('' for none): no key string is built per call. */
  private readonly warningGroups = new Map<FlattenWarningCode, Map<string, FlattenWarning>>();

  /**
   * Records a warning for the current event. Warnings are grouped by code and field — a batch of
   * a thousand events with the same nested object gets one warning listing a thousand indexes —
   * and the message is only built for a group's first occurrence.
   */
  warn(
    code: FlattenWarningCode,
    field: string | undefined,
    position: number | undefined,
    message: () => string,
  ): void {
    if (!this.noted(code, field)) this.addWarning(code, field, position, message());
  }

  /** Adds the current event to an existing warning group; false when there is none yet. */
  noted(code: FlattenWarningCode, field: string | undefined): boolean {
    const group = this.warningGroups.get(code)?.get(field ?? '');
    if (!group) return false;
    const indexes = group.indexes as number[];
    if (indexes[indexes.length - 1] !== this.index) indexes.push(this.index);
    return true;
  }

  /** Starts a warning group (after `noted` said there is none). */
  addWarning(
    code: FlattenWarningCode,
    field: string | undefined,
    position: number | undefined,
    message: string,
  ): void {
    let byField = this.warningGroups.get(code);
    if (!byField) this.warningGroups.set(code, (byField = new Map()));
    const w: FlattenWarning = { code, message, indexes: [this.index] };
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
      this.warn('missing-provider', 'event.provider', obj.start, warningText.missingProvider);
    if (at.type === -1) this.warn('missing-type', 'event.type', obj.start, warningText.missingType);
    const timestampNs = this.resolveTimestamp(timestamp, 'timestamp');
    this.finish(fields, timestampNs, at);
  }

  /**
   * Copies members as stored top-level fields (scalars typed, objects/arrays as compact strings)
   * and returns the last `timestamp` member, which becomes the typed `timestamp` field instead.
   */
  putMembers(fields: FieldList, members: readonly JsonMember[]): JsonMember | undefined {
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
      case 'number':
        return this.storedNumber(v.lexeme, m.key, m.keyStart);
      case 'object':
      case 'array':
        this.nestedWarning(v.kind, m.key, m.keyStart, v.start, v.end);
        return this.duplicateWithin(v)
          ? v.opaque
            ? compactDeduplicated(this.text.slice(v.start, v.end), this.builtSpan(v.start, v.end))
            : compactDeduplicated(this.text, v)
          : compactSource(this.text, v.start, v.end);
    }
  }

  /** A top-level number as stored (exact long, else double), with the overflow warnings. */
  storedNumber(lexeme: string, key: string, keyStart: number): Value {
    const n = numberValue(lexeme);
    if (n.overflow === 'long') this.warn('long-overflow', key, keyStart, () => warningText.longOverflow(key));
    if (n.overflow === 'double')
      this.warn('double-overflow', key, keyStart, () => warningText.doubleOverflow(key, n.value as number));
    return n.value;
  }

  /** The warning for a nested object or array at the top level (its text spans start..end). */
  nestedWarning(kind: 'object' | 'array', key: string, keyStart: number, start: number, end: number): void {
    if (kind === 'array') {
      if (!this.noted('nested-array', key))
        this.addWarning('nested-array', key, keyStart, warningText.nestedArray(key));
    } else if (!this.noted('nested-object', key))
      this.addWarning(
        'nested-object',
        key,
        keyStart,
        warningText.nestedObject(key, leafPaths(key, this.builtSpan(start, end), 3)),
      );
  }

  /**
   * A nested value's nodes, built from its text (rarely needed: a warning's first message, a
   * repeated nested key). Offsets are relative to the span, which the callers use.
   */
  private builtSpan(start: number, end: number): JsonNode {
    const parsed = parseJsonDocument(this.text.slice(start, end), MAX_NESTING_DEPTH);
    return parsed.ok ? parsed.root : { kind: 'null', start: 0, end: end - start };
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
  keyIssues(issues: readonly KeyIssue[], items: readonly JsonNode[], format: IngestFormat): void {
    let item = 0;
    for (const issue of issues) {
      while (item < items.length && (items[item] as JsonNode).end <= issue.position) item++;
      const owner = items[item];
      this.keyIssue(issue, item, owner !== undefined && !isTopLevelKey(owner, issue.position, format));
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
  resolveTimestamp(member: JsonMember | undefined, name: string): bigint {
    const raw = member?.value;
    if (member === undefined || raw === undefined || raw.kind === 'null') return this.ctx.nowNs;
    let ns: bigint | undefined;
    if (raw.kind === 'number') ns = lexemeToNs(raw.lexeme);
    else if (raw.kind === 'string') ns = parseIngestTimestampString(raw.value, this.ctx.nowNs);
    return this.checkedTimestamp(ns, name, member.keyStart);
  }

  /** A parsed payload timestamp (undefined: unparseable) as stored, with its warnings. */
  checkedTimestamp(ns: bigint | undefined, name: string, at: number): bigint {
    const now = this.ctx.nowNs;
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

  timestampOf(ns: bigint): TimestampValue {
    return ns === this.nowValue.ns ? this.nowValue : timestampValue(ns);
  }

  /** Adds the enrichment fields and produces the stored field order. */
  finish(fields: FieldList, timestampNs: bigint, at = fields.eventFields()): void {
    const values = fields.values;
    if (at.kind === -1) fields.append('event.kind', EVENT_KIND);
    else {
      if (values[at.kind] !== EVENT_KIND)
        this.warn('event-kind-overridden', 'event.kind', undefined, warningText.eventKind);
      values[at.kind] = EVENT_KIND;
    }
    if (at.id === -1) fields.append('event.id', this.ctx.newId());
    if (at.provider === -1) fields.append('event.provider', UNKNOWN_VALUE);
    if (at.type === -1) fields.append('event.type', UNKNOWN_VALUE);

    const names = fields.names;
    for (let i = 0; i < fields.length; i++) {
      const name = names[i] as string;
      if (isReadOnly(name)) {
        this.warn('read-only-field', name, undefined, () => warningText.readOnly(name));
        fields.delete(name);
      }
    }
    // These names were just cleared of payload values, so they are appended, never repeated.
    fields.append('dt.openpipeline.source', OPENPIPELINE_SOURCE);
    fields.append('dt.openpipeline.pipelines', PIPELINES_VALUE);
    fields.append('dt.system.bucket', DEFAULT_BUCKET);
    fields.append('timestamp', this.timestampOf(timestampNs));
    this.emit({ index: this.index, timestampNs, fields: this.inStoredOrder(fields) });
  }

  /** A stored event: to the context's sink if it has one, else to `events`. */
  emit(event: FlattenedEvent): void {
    const sink = this.ctx.sink;
    if (sink) sink.row(event);
    else this.events.push(event);
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

/** A number lexeme as epoch ns; the common integer-milliseconds case without BigInt decimals. */
export function lexemeToNs(lexeme: string): bigint | undefined {
  return epochIntegerToNs(lexeme) ?? epochLexemeToNs(lexeme);
}

/**
 * True when the key at `position` becomes a top-level stored field: a member of the event object
 * itself, or of a CloudEvent's `data` (whose members are lifted), not of a nested object.
 */
function isTopLevelKey(item: JsonNode, position: number, format: IngestFormat = 'json'): boolean {
  if (item.kind !== 'object') return false;
  return item.members.some(
    (m) =>
      m.keyStart === position ||
      (format !== 'json' &&
        m.key === 'data' &&
        m.value.kind === 'object' &&
        m.value.members.some((d) => d.keyStart === position)),
  );
}
