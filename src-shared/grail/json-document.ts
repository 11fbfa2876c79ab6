/**
 * A positioned, number-exact JSON parser for ingest payloads. It never throws and keeps what
 * flattening needs and `JSON.parse` loses: the source span of every value (so nested values can be
 * stored as the compact text that was sent, and problems can point at a line and column), number
 * lexemes (longs beyond 2^53), and every key as written (duplicates and `__proto__` stay visible).
 *
 * Why hand-written: a generic lossless parser builds objects it then re-serializes; this one does
 * one pass over the text and is ~3× faster, which keeps the composer's preview inside a frame.
 */

export interface JsonSpan {
  /** Offset of the value's first character in the text (UTF-16 code units). */
  start: number;
  /** Offset just past the value's last character. */
  end: number;
}

export interface JsonObjectNode extends JsonSpan {
  kind: 'object';
  /** Empty when `opaque`: parse the span again to see inside. */
  members: JsonMember[];
  /** Checked but not built (see `ParseOptions.opaqueInsideEvents`). */
  opaque?: true;
}

export interface JsonMember {
  key: string;
  /** Offset of the key's opening quote; `keyEnd` is just past its closing quote. */
  keyStart: number;
  keyEnd: number;
  value: JsonNode;
}

export interface JsonArrayNode extends JsonSpan {
  kind: 'array';
  /** Empty when `opaque`: parse the span again to see inside. */
  items: JsonNode[];
  opaque?: true;
}

export interface JsonStringNode extends JsonSpan {
  kind: 'string';
  value: string;
}

export interface JsonNumberNode extends JsonSpan {
  kind: 'number';
  /** The number exactly as written, e.g. `1.50` or `12345678901234567890`. */
  lexeme: string;
}

export interface JsonLiteralNode extends JsonSpan {
  kind: 'true' | 'false' | 'null';
}

export type JsonNode = JsonObjectNode | JsonArrayNode | JsonStringNode | JsonNumberNode | JsonLiteralNode;

/** A key worth a warning: repeated within one object, or a JavaScript prototype-pollution name. */
export interface KeyIssue {
  kind: 'duplicate' | 'prototype';
  key: string;
  /** Offset of the key's opening quote. */
  position: number;
}

export type JsonDocumentOutcome =
  { ok: true; root: JsonNode; keyIssues: KeyIssue[] } | { ok: false; message: string; position: number };

/** Names that change an object's prototype or constructor when code copies JSON by assignment. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Beyond this many members a Set finds duplicates faster than a linear scan. */
const LINEAR_DUPLICATE_SCAN = 12;

class JsonSyntaxError {
  constructor(
    readonly message: string,
    readonly position: number,
  ) {}
}

export interface ParseOptions {
  /**
   * Objects and arrays nested inside the members of the events (the root object, or the root
   * array's elements) are checked completely — syntax, depth, key issues — but not built: the
   * flattening only needs their span. Saves most of the allocation for nested payloads.
   */
  opaqueInsideEvents?: boolean;
  /**
   * Called with each element of a root array as soon as it is parsed; the element is then not
   * kept in the root's `items` (which stays empty). A caller that consumes events one by one lets
   * each event's nodes die young instead of holding a million trees until the end.
   */
  onRootItem?: (item: JsonNode, index: number, keyIssuesSoFar: readonly KeyIssue[]) => void;
  /**
   * With `onRootItem`: offered each element of a root array first, at its first character. Returns
   * the offset just past the element when it consumed it (then `onRootItem` is not called), or -1
   * to let the parser build it — which it must do for anything it does not accept exactly.
   */
  readRootItem?: (start: number, index: number) => number;
}

export function parseJsonDocument(
  text: string,
  maxDepth: number,
  options: ParseOptions = {},
): JsonDocumentOutcome {
  const parser = new Parser(
    text,
    maxDepth,
    options.opaqueInsideEvents === true,
    options.onRootItem,
    options.readRootItem,
  );
  try {
    const root = parser.document();
    return { ok: true, root, keyIssues: parser.keyIssues };
  } catch (err) {
    if (err instanceof JsonSyntaxError) return { ok: false, message: err.message, position: err.position };
    // Defensive: a parser bug must not take the preview or the sandbox down.
    return { ok: false, message: 'The JSON document could not be read.', position: 0 };
  }
}

class Parser {
  readonly keyIssues: KeyIssue[] = [];
  private pos = 0;
  /** Depth from which containers are checked without being built (Infinity: build everything). */
  private opaqueFrom = Infinity;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
    private readonly opaqueInsideEvents: boolean,
    private readonly onRootItem: ParseOptions['onRootItem'],
    private readonly readRootItem: ParseOptions['readRootItem'],
  ) {}

  document(): JsonNode {
    this.skipWhitespace();
    // Events are the root object (members at depth 2) or the root array's elements (depth 3).
    if (this.opaqueInsideEvents) this.opaqueFrom = this.text.charCodeAt(this.pos) === 0x5b ? 3 : 2;
    const root = this.value(1);
    this.skipWhitespace();
    if (this.pos < this.text.length) this.fail('Unexpected text after the JSON value');
    return root;
  }

  private value(depth: number): JsonNode {
    const c = this.text.charCodeAt(this.pos);
    switch (c) {
      case 0x7b /* { */:
        return depth >= this.opaqueFrom ? this.opaque('object', depth) : this.object(depth);
      case 0x5b /* [ */:
        return depth >= this.opaqueFrom ? this.opaque('array', depth) : this.array(depth);
      case 0x22 /* " */: {
        const start = this.pos;
        const value = this.string();
        return { kind: 'string', start, end: this.pos, value };
      }
      case 0x74 /* t */:
        return this.literal('true');
      case 0x66 /* f */:
        return this.literal('false');
      case 0x6e /* n */:
        return this.literal('null');
      default:
        if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
        return this.fail(
          Number.isNaN(c) ? 'Unexpected end of input' : `Unexpected ${this.describe(this.pos)}`,
        );
    }
  }

  private object(depth: number): JsonObjectNode {
    this.enter(depth);
    const start = this.pos++;
    const members: JsonMember[] = [];
    let seen: Set<string> | undefined;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x7d /* } */) {
      this.pos++;
      return { kind: 'object', start, end: this.pos, members };
    }
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail(`Expected a key in double quotes`);
      const keyStart = this.pos;
      const key = this.string();
      const keyEnd = this.pos;
      this.checkKey(key, keyStart, members, seen);
      if (members.length === LINEAR_DUPLICATE_SCAN) seen = new Set(members.map((m) => m.key));
      seen?.add(key);
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x3a /* : */) this.fail(`Expected ':' after the key`);
      this.pos++;
      this.skipWhitespace();
      members.push({ key, keyStart, keyEnd, value: this.value(depth + 1) });
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x7d /* } */) return { kind: 'object', start, end: this.pos, members };
      if (c !== 0x2c /* , */) this.fail(`Expected ',' or '}' after a member`, this.pos - 1);
      this.skipWhitespace();
    }
  }

  private checkKey(
    key: string,
    position: number,
    members: JsonMember[],
    seen: Set<string> | undefined,
  ): void {
    const first = key.charCodeAt(0);
    // Cheap first-character filter before the Set lookup: '_', 'c', 'p'.
    if ((first === 0x5f || first === 0x63 || first === 0x70) && PROTOTYPE_KEYS.has(key))
      this.keyIssues.push({ kind: 'prototype', key, position });
    const repeated = seen ? seen.has(key) : members.some((m) => m.key === key);
    if (repeated) this.keyIssues.push({ kind: 'duplicate', key, position });
  }

  private array(depth: number): JsonArrayNode {
    this.enter(depth);
    const start = this.pos++;
    const items: JsonNode[] = [];
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x5d /* ] */) {
      this.pos++;
      return { kind: 'array', start, end: this.pos, items };
    }
    const emit = depth === 1 ? this.onRootItem : undefined;
    const read = emit ? this.readRootItem : undefined;
    for (let index = 0; ; index++) {
      const end = read ? read(this.pos, index) : -1;
      if (end >= 0) this.pos = end;
      else if (emit) emit(this.value(depth + 1), index, this.keyIssues);
      else items.push(this.value(depth + 1));
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x5d /* ] */) return { kind: 'array', start, end: this.pos, items };
      if (c !== 0x2c /* , */) this.fail(`Expected ',' or ']' after an array element`, this.pos - 1);
      this.skipWhitespace();
    }
  }

  /** A container checked like any other, returned as its span only. */
  private opaque(kind: 'object' | 'array', depth: number): JsonObjectNode | JsonArrayNode {
    const start = this.pos;
    if (kind === 'object') this.checkObject(depth);
    else this.checkArray(depth);
    return kind === 'object'
      ? { kind, start, end: this.pos, members: [], opaque: true }
      : { kind, start, end: this.pos, items: [], opaque: true };
  }

  /** object() without building: the same checks, errors and key issues, in the same order. */
  private checkObject(depth: number): void {
    this.enter(depth);
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x7d /* } */) {
      this.pos++;
      return;
    }
    const keys: string[] = [];
    let seen: Set<string> | undefined;
    for (;;) {
      if (this.text.charCodeAt(this.pos) !== 0x22) this.fail(`Expected a key in double quotes`);
      const keyStart = this.pos;
      const key = this.string();
      const first = key.charCodeAt(0);
      if ((first === 0x5f || first === 0x63 || first === 0x70) && PROTOTYPE_KEYS.has(key))
        this.keyIssues.push({ kind: 'prototype', key, position: keyStart });
      if (seen ? seen.has(key) : keys.includes(key))
        this.keyIssues.push({ kind: 'duplicate', key, position: keyStart });
      keys.push(key);
      if (keys.length === LINEAR_DUPLICATE_SCAN) seen = new Set(keys);
      seen?.add(key);
      this.skipWhitespace();
      if (this.text.charCodeAt(this.pos) !== 0x3a /* : */) this.fail(`Expected ':' after the key`);
      this.pos++;
      this.skipWhitespace();
      this.skipValue(depth + 1);
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x7d /* } */) return;
      if (c !== 0x2c /* , */) this.fail(`Expected ',' or '}' after a member`, this.pos - 1);
      this.skipWhitespace();
    }
  }

  private checkArray(depth: number): void {
    this.enter(depth);
    this.pos++;
    this.skipWhitespace();
    if (this.text.charCodeAt(this.pos) === 0x5d /* ] */) {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipValue(depth + 1);
      this.skipWhitespace();
      const c = this.text.charCodeAt(this.pos++);
      if (c === 0x5d /* ] */) return;
      if (c !== 0x2c /* , */) this.fail(`Expected ',' or ']' after an array element`, this.pos - 1);
      this.skipWhitespace();
    }
  }

  /** value() inside an opaque container. */
  private skipValue(depth: number): void {
    const c = this.text.charCodeAt(this.pos);
    if (c === 0x7b) this.checkObject(depth);
    else if (c === 0x5b) this.checkArray(depth);
    else if (c === 0x22) this.skipString();
    else {
      this.value(depth);
      return;
    }
  }

  /** string() without building the value (escapes are still checked). */
  private skipString(): void {
    const text = this.text;
    const start = this.pos + 1;
    for (let i = start; ; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return;
      }
      if (c === 0x5c /* \ */) {
        this.escapedString(start, i);
        return;
      }
      if (!(c >= 0x20)) this.badStringChar(c, i, start);
    }
  }

  private enter(depth: number): void {
    if (depth > this.maxDepth)
      this.fail(`The JSON document is nested deeper than the maximum of ${this.maxDepth} levels`);
  }

  /** Reads a string starting at its opening quote; fast path when it has no escapes. */
  private string(): string {
    const text = this.text;
    const start = this.pos + 1;
    for (let i = start; ; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return text.slice(start, i);
      }
      if (c === 0x5c /* \ */) return this.escapedString(start, i);
      // `!(c >= 0x20)` is also true for NaN, i.e. the end of the text.
      if (!(c >= 0x20)) this.badStringChar(c, i, start);
    }
  }

  private escapedString(start: number, firstEscape: number): string {
    const text = this.text;
    let out = text.slice(start, firstEscape);
    let i = firstEscape;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.pos = i + 1;
        return out;
      }
      if (c === 0x5c) {
        out += this.escape(i);
        i += text.charCodeAt(i + 1) === 0x75 /* u */ ? 6 : 2;
        continue;
      }
      if (!(c >= 0x20)) this.badStringChar(c, i, start);
      let j = i + 1;
      for (let d = text.charCodeAt(j); d !== 0x22 && d !== 0x5c && d >= 0x20; d = text.charCodeAt(j)) j++;
      out += text.slice(i, j);
      i = j;
    }
  }

  private escape(at: number): string {
    const e = this.text.charCodeAt(at + 1);
    const simple = simpleEscape(e);
    if (simple !== undefined) return simple;
    switch (e) {
      case 0x75: {
        const hex = this.text.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail('Invalid \\u escape: expected four hex digits', at);
        return String.fromCharCode(parseInt(hex, 16));
      }
      default:
        return Number.isNaN(e)
          ? this.fail('Unterminated string', at)
          : this.fail(`Invalid escape '\\${this.text[at + 1]}' in a string`, at);
    }
  }

  private badStringChar(c: number, at: number, start: number): never {
    if (Number.isNaN(c)) this.fail('Unterminated string', start - 1);
    return this.fail(
      `Control character U+${c.toString(16).toUpperCase().padStart(4, '0')} must be escaped in a string`,
      at,
    );
  }

  private number(): JsonNumberNode {
    const text = this.text;
    const start = this.pos;
    let i = start;
    if (text.charCodeAt(i) === 0x2d) i++;
    const firstDigit = text.charCodeAt(i);
    if (firstDigit === 0x30) i++;
    else if (firstDigit >= 0x31 && firstDigit <= 0x39) i = this.digits(i);
    else this.fail('Invalid number: expected a digit', i);
    if (text.charCodeAt(i) === 0x2e /* . */) {
      const afterDot = this.digits(i + 1);
      if (afterDot === i + 1) this.fail('Invalid number: expected a digit after the decimal point', i + 1);
      i = afterDot;
    }
    const e = text.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      i++;
      const sign = text.charCodeAt(i);
      if (sign === 0x2b || sign === 0x2d) i++;
      const afterExp = this.digits(i);
      if (afterExp === i) this.fail('Invalid number: expected a digit in the exponent', i);
      i = afterExp;
    }
    this.pos = i;
    return { kind: 'number', start, end: i, lexeme: text.slice(start, i) };
  }

  private digits(from: number): number {
    let i = from;
    for (let c = this.text.charCodeAt(i); c >= 0x30 && c <= 0x39; c = this.text.charCodeAt(i)) i++;
    return i;
  }

  private literal(word: 'true' | 'false' | 'null'): JsonLiteralNode {
    const start = this.pos;
    if (!this.text.startsWith(word, start)) this.fail(`Unexpected ${this.describe(start)}`);
    this.pos = start + word.length;
    return { kind: word, start, end: this.pos };
  }

  private skipWhitespace(): void {
    const text = this.text;
    let i = this.pos;
    for (
      let c = text.charCodeAt(i);
      c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
      c = text.charCodeAt(i)
    )
      i++;
    this.pos = i;
  }

  private describe(at: number): string {
    const c = this.text[at];
    if (c === undefined) return 'end of input';
    const word = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(at, at + 20))?.[0];
    return word ? `'${word}'` : `character '${c}'`;
  }

  private fail(message: string, position = this.pos): never {
    throw new JsonSyntaxError(message, Math.min(position, this.text.length));
  }
}

/** The character a one-letter JSON escape (`\n`, `\"` …) stands for, by the letter's code. */
export function simpleEscape(e: number): string | undefined {
  switch (e) {
    case 0x22:
      return '"';
    case 0x5c:
      return '\\';
    case 0x2f:
      return '/';
    case 0x62:
      return '\b';
    case 0x66:
      return '\f';
    case 0x6e:
      return '\n';
    case 0x72:
      return '\r';
    case 0x74:
      return '\t';
    default:
      return undefined;
  }
}
