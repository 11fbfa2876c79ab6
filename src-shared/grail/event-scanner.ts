/**
 * The fast path for the elements of a pure JSON array (ingest's common case): one pass over an
 * event's text that checks it and records its top-level members in reused scratch arrays, without
 * building parse nodes. It accepts only what flattening.ts can store exactly as the reference path
 * would — keys without escapes that neither repeat in their object nor are `__proto__`-like (at any
 * level), no top-level null, nesting up to MAX_FAST_DEPTH — and declines everything else, syntax
 * errors included, so that the parser builds that event and reports precisely.
 */
import { Shape } from './event-shape';
import { simpleEscape } from './json-document';

export const KIND_STRING = 0;
export const KIND_TRUE = 1;
export const KIND_FALSE = 2;
/** An integer lexeme of at most 15 digits: exact as a double, value in `integers`. */
export const KIND_INTEGER = 3;
export const KIND_NUMBER = 4;
export const KIND_OBJECT = 5;
export const KIND_ARRAY = 6;

/** Deeper nesting is rare in events; the parser takes it (and enforces the real limit). */
const MAX_FAST_DEPTH = 64;
/** Objects with more keys go to the parser (the repeated-key checks here are quadratic). */
const MAX_NESTED_KEYS = 64;
const MAX_MEMBERS = 128;

export class EventScanner {
  /** Per member of the last scanned event (index < count); reused from event to event. */
  readonly kinds: number[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];
  /** Offset of the key's opening quote. */
  readonly keyStarts: number[] = [];
  readonly strings: string[] = [];
  readonly integers: number[] = [];
  /** Whether a nested value has whitespace outside its strings (compacted then, else sliced). */
  readonly spaced: boolean[] = [];
  count = 0;
  /** The keys of the last scanned event. */
  shape: Shape;

  private readonly root = new Shape('', undefined, 0);
  private sawSpace = false;
  /** Raw key spans of the nested objects being checked, innermost last. */
  private readonly nestedKeyStarts: number[] = [];
  private readonly nestedKeyEnds: number[] = [];
  private nestedKeys = 0;
  private decodedEnd = 0;

  constructor(private readonly text: string) {
    this.shape = this.root;
  }

  /** Scans the event at `start`: the offset just past it, or -1 to decline it. */
  scan(start: number): number {
    const text = this.text;
    if (text.charCodeAt(start) !== 0x7b /* { */) return -1;
    let shape = this.root;
    let n = 0;
    let i = skipSpace(text, start + 1);
    if (text.charCodeAt(i) === 0x7d /* } */) {
      this.count = 0;
      this.shape = shape;
      return i + 1;
    }
    for (;;) {
      if (text.charCodeAt(i) !== 0x22 || n === MAX_MEMBERS) return -1;
      const keyFrom = i + 1;
      // Usually the key the previous event had here: compared in place, not sliced.
      let next = shape.last;
      let keyEnd: number;
      if (next && text.charCodeAt(keyFrom + next.key.length) === 0x22 && sameKey(text, keyFrom, next.key))
        keyEnd = keyFrom + next.key.length;
      else {
        keyEnd = plainStringEnd(text, keyFrom);
        if (keyEnd < 0 || text.charCodeAt(keyEnd) !== 0x22) return -1;
        next = shape.child(text.slice(keyFrom, keyEnd));
        if (!next) return -1;
      }
      shape = next;
      this.keyStarts[n] = i;
      i = skipSpace(text, keyEnd + 1);
      if (text.charCodeAt(i) !== 0x3a /* : */) return -1;
      i = this.member(skipSpace(text, i + 1), n++);
      if (i < 0) return -1;
      i = skipSpace(text, i);
      const c = text.charCodeAt(i++);
      if (c === 0x7d /* } */) {
        this.count = n;
        this.shape = shape;
        return i;
      }
      if (c !== 0x2c /* , */) return -1;
      i = skipSpace(text, i);
    }
  }

  private member(i: number, n: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    let end: number;
    switch (c) {
      case 0x22 /* " */: {
        end = plainStringEnd(text, i + 1);
        if (end < 0) return -1;
        if (text.charCodeAt(end) === 0x22) this.strings[n] = text.slice(i + 1, end++);
        else {
          const decoded = this.decode(i + 1, end);
          if (decoded === undefined) return -1;
          this.strings[n] = decoded;
          end = this.decodedEnd;
        }
        this.kinds[n] = KIND_STRING;
        break;
      }
      case 0x74 /* t */:
        if (!text.startsWith('true', i)) return -1;
        this.kinds[n] = KIND_TRUE;
        end = i + 4;
        break;
      case 0x66 /* f */:
        if (!text.startsWith('false', i)) return -1;
        this.kinds[n] = KIND_FALSE;
        end = i + 5;
        break;
      case 0x7b /* { */:
      case 0x5b /* [ */:
        this.sawSpace = false;
        this.nestedKeys = 0;
        end = this.container(i, 1);
        if (end < 0) return -1;
        this.kinds[n] = c === 0x7b ? KIND_OBJECT : KIND_ARRAY;
        this.spaced[n] = this.sawSpace;
        break;
      default:
        // A number (a top-level null is left to the reference path: the field is not stored).
        end = this.number(i, n);
    }
    this.starts[n] = i;
    this.ends[n] = end;
    return end;
  }

  private number(start: number, n: number): number {
    const text = this.text;
    let i = start;
    if (text.charCodeAt(i) === 0x2d /* - */) i++;
    const digitsFrom = i;
    let c = text.charCodeAt(i);
    let value = 0;
    if (c === 0x30) i++;
    else if (c >= 0x31 && c <= 0x39) {
      do {
        value = value * 10 + (c - 0x30);
        c = text.charCodeAt(++i);
      } while (c >= 0x30 && c <= 0x39);
    } else return -1;
    const end = fractionAndExponentEnd(text, i);
    if (end === i && i - digitsFrom <= 15) {
      this.kinds[n] = KIND_INTEGER;
      this.integers[n] = digitsFrom === start ? value : -value;
    } else this.kinds[n] = KIND_NUMBER;
    return end;
  }

  /** A nested object or array, checked: the offset past it, or -1. */
  private container(start: number, depth: number): number {
    if (depth > MAX_FAST_DEPTH) return -1;
    const text = this.text;
    const close = text.charCodeAt(start) === 0x7b ? 0x7d : 0x5d;
    let i = this.gap(start + 1);
    if (text.charCodeAt(i) === close) return i + 1;
    const keysFrom = this.nestedKeys;
    for (;;) {
      if (close === 0x7d) {
        if (text.charCodeAt(i) !== 0x22) return -1;
        const keyEnd = plainStringEnd(text, i + 1);
        if (keyEnd < 0 || text.charCodeAt(keyEnd) !== 0x22 || !this.newNestedKey(i + 1, keyEnd, keysFrom))
          return -1;
        i = this.gap(keyEnd + 1);
        if (text.charCodeAt(i) !== 0x3a) return -1;
        i = this.gap(i + 1);
      }
      i = this.nestedValue(i, depth);
      if (i < 0) return -1;
      i = this.gap(i);
      const c = text.charCodeAt(i++);
      if (c === close) {
        this.nestedKeys = keysFrom;
        return i;
      }
      if (c !== 0x2c) return -1;
      i = this.gap(i);
    }
  }

  private nestedValue(i: number, depth: number): number {
    const text = this.text;
    switch (text.charCodeAt(i)) {
      case 0x7b:
      case 0x5b:
        return this.container(i, depth + 1);
      case 0x22:
        return stringEnd(text, i + 1);
      case 0x74:
        return text.startsWith('true', i) ? i + 4 : -1;
      case 0x66:
        return text.startsWith('false', i) ? i + 5 : -1;
      case 0x6e:
        return text.startsWith('null', i) ? i + 4 : -1;
      default:
        return numberEnd(text, i);
    }
  }

  /** False for a key the parser would report: repeated in its object, or prototype-like. */
  private newNestedKey(from: number, to: number, keysFrom: number): boolean {
    const text = this.text;
    const length = to - from;
    if (
      (length === 9 && (text.startsWith('__proto__', from) || text.startsWith('prototype', from))) ||
      (length === 11 && text.startsWith('constructor', from)) ||
      this.nestedKeys - keysFrom >= MAX_NESTED_KEYS
    )
      return false;
    for (let k = keysFrom; k < this.nestedKeys; k++) {
      const s = this.nestedKeyStarts[k] as number;
      if ((this.nestedKeyEnds[k] as number) - s === length && sameText(text, s, from, length)) return false;
    }
    this.nestedKeyStarts[this.nestedKeys] = from;
    this.nestedKeyEnds[this.nestedKeys++] = to;
    return true;
  }

  /** Whitespace inside a nested value: skipped, and noted (the stored text is then compacted). */
  private gap(from: number): number {
    const i = skipSpace(this.text, from);
    if (i !== from) this.sawSpace = true;
    return i;
  }

  /** A string with escapes, as the parser decodes it; undefined where the parser would fail. */
  private decode(from: number, firstEscape: number): string | undefined {
    const text = this.text;
    let out = text.slice(from, firstEscape);
    let i = firstEscape;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        this.decodedEnd = i + 1;
        return out;
      }
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75 /* u */) {
          if (!hex4(text, i + 2)) return undefined;
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          const ch = simpleEscape(e);
          if (ch === undefined) return undefined;
          out += ch;
          i += 2;
        }
        continue;
      }
      const j = plainStringEnd(text, i);
      if (j < 0) return undefined;
      out += text.slice(i, j);
      i = j;
    }
  }
}

function skipSpace(text: string, from: number): number {
  let i = from;
  for (
    let c = text.charCodeAt(i);
    c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
    c = text.charCodeAt(i)
  )
    i++;
  return i;
}

/** Offset of the first `"` or `\` from `from`, or -1 at a control character or the end of the text. */
function plainStringEnd(text: string, from: number): number {
  for (let i = from; ; i++) {
    const c = text.charCodeAt(i);
    if (c > 0x5c) continue; // most characters of most strings: one comparison
    if (c === 0x22 || c === 0x5c) return i;
    // `!(c >= 0x20)` is also true for NaN, i.e. the end of the text.
    if (!(c >= 0x20)) return -1;
  }
}

/** Offset just past a string's closing quote (escapes checked), or -1. */
function stringEnd(text: string, from: number): number {
  let i = from;
  for (;;) {
    i = plainStringEnd(text, i);
    if (i < 0) return -1;
    if (text.charCodeAt(i) === 0x22) return i + 1;
    const e = text.charCodeAt(i + 1);
    if (e === 0x75) {
      if (!hex4(text, i + 2)) return -1;
      i += 6;
    } else if (simpleEscape(e) !== undefined) i += 2;
    else return -1;
  }
}

function numberEnd(text: string, start: number): number {
  let i = start;
  if (text.charCodeAt(i) === 0x2d) i++;
  const c = text.charCodeAt(i);
  if (c === 0x30) i++;
  else if (c >= 0x31 && c <= 0x39) i = digitsEnd(text, i + 1);
  else return -1;
  return fractionAndExponentEnd(text, i);
}

/** Past an optional fraction and exponent after a number's integer part, or -1 when malformed. */
function fractionAndExponentEnd(text: string, from: number): number {
  let i = from;
  if (text.charCodeAt(i) === 0x2e /* . */) {
    const end = digitsEnd(text, i + 1);
    if (end === i + 1) return -1;
    i = end;
  }
  const e = text.charCodeAt(i);
  if (e === 0x65 || e === 0x45) {
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 0x2b || sign === 0x2d) i++;
    const end = digitsEnd(text, i);
    if (end === i) return -1;
    i = end;
  }
  return i;
}

function digitsEnd(text: string, from: number): number {
  let i = from;
  for (let c = text.charCodeAt(i); c >= 0x30 && c <= 0x39; c = text.charCodeAt(i)) i++;
  return i;
}

function hex4(text: string, from: number): boolean {
  for (let i = from; i < from + 4; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66))) return false;
  }
  return true;
}

/** Whether the text at `from` reads `key` (a call to startsWith costs more for short keys). */
function sameKey(text: string, from: number, key: string): boolean {
  for (let k = 0; k < key.length; k++) if (text.charCodeAt(from + k) !== key.charCodeAt(k)) return false;
  return true;
}

function sameText(text: string, a: number, b: number, length: number): boolean {
  for (let k = 0; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}
