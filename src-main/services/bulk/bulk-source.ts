/**
 * A job's events in order, each with its stable id: read from the spooled file (streamed in 1 MiB
 * chunks: constant memory for any file size) or produced by the generator. The same job always
 * yields the same events, so the same batches.
 */
import { createReadStream } from 'node:fs';
import { BulkInputError } from '../../../src-shared/ingest/bulk-input-error';
import { compileGenerator } from '../../../src-shared/ingest/generator';
import { prepareRecord } from '../../../src-shared/ingest/prepare-event';
import type { BulkEventKind } from '../../../src-shared/ingest/prepare-event';
import { createRecordReader } from '../../../src-shared/ingest/record-readers';
import type { SourceRecord } from '../../../src-shared/ingest/record-readers';
import { stableEventId } from '../../../src-shared/ingest/stable-id';
import { firstInvalidUtf8 } from '../../../src-shared/ingest/utf8-check';
import type { BulkJobSpec } from '../../../src-shared/ipc/domains/ingest';

const CHUNK_BYTES = 1024 * 1024;
const GENERATED_CHUNK = 1000;

export interface JobEvents {
  /** Plain JSON or CloudEvents: decides the batch content type. Known after the first event. */
  kind(): BulkEventKind | undefined;
  /** Events read so far that carried their own id. */
  ownIds(): number;
  /** The events as compact JSON texts, in chunks (one await per chunk, not per event). */
  events(): AsyncGenerator<string[]>;
}

export function jobEvents(jobId: string, spec: BulkJobSpec, sourcePath: string): JobEvents {
  const source = spec.source;
  if (source.kind === 'generator') {
    const gen = compileGenerator(source);
    return {
      kind: () => gen.kind,
      ownIds: () => 0,
      async *events() {
        for (let from = 0; from < gen.count; from += GENERATED_CHUNK) {
          const to = Math.min(gen.count, from + GENERATED_CHUNK);
          const texts: string[] = [];
          for (let i = from; i < to; i++) texts.push(gen.eventText(i, stableEventId(jobId, i)));
          yield texts;
        }
      },
    };
  }
  let kind: BulkEventKind | undefined;
  let ownIds = 0;
  return {
    kind: () => kind,
    ownIds: () => ownIds,
    async *events() {
      let index = 0;
      for await (const records of fileRecords(sourcePath, source.format)) {
        const texts: string[] = [];
        for (const record of records) {
          const stable = stableEventId(jobId, index++);
          const event = prepareRecord(record, stable, kind);
          kind ??= event.kind;
          if (event.id !== stable) ownIds++;
          texts.push(event.text);
        }
        yield texts;
      }
    },
  };
}

/** Decoded, UTF-8-checked records of a file, one array per chunk. Throws BulkInputError. */
async function* fileRecords(
  path: string,
  format: 'ndjson' | 'json-array' | 'csv',
): AsyncGenerator<SourceRecord[]> {
  const reader = createRecordReader(format);
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
  let tail = new Uint8Array(0);
  let offset = 0; // file offset of `tail`'s first byte
  let line = 1;
  let column = 1; // of `tail`'s first byte
  for await (const chunk of createReadStream(path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
    const bytes = tail.length ? concat(tail, chunk) : chunk;
    const check = firstInvalidUtf8(bytes, false);
    if (check.invalidAt !== -1) throw invalidUtf8(bytes, check.invalidAt, offset, { line, column });
    const whole = check.incompleteAt ?? bytes.length;
    const text = decoder.decode(bytes.subarray(0, whole), { stream: true });
    const lastNewline = bytes.subarray(0, whole).lastIndexOf(0x0a);
    if (lastNewline === -1) column += characters(bytes, 0, whole);
    else {
      line += countNewlines(bytes, whole);
      column = 1 + characters(bytes, lastNewline + 1, whole);
    }
    tail = bytes.slice(whole);
    offset += whole;
    yield reader.push(text);
  }
  if (tail.length) throw invalidUtf8(tail, 0, offset, { line, column });
  yield reader.end();
}

function invalidUtf8(
  bytes: Uint8Array,
  at: number,
  offset: number,
  start: { line: number; column: number },
): BulkInputError {
  let l = start.line;
  let column = start.column;
  for (let i = 0; i < at; i++) {
    if (bytes[i] === 0x0a) {
      l++;
      column = 1;
    } else if (((bytes[i] as number) & 0xc0) !== 0x80) column++;
  }
  const hex = (bytes[at] as number).toString(16).toUpperCase().padStart(2, '0');
  return new BulkInputError(
    `Invalid UTF-8 at byte ${(offset + at).toLocaleString('en-US')} (0x${hex}): save the file as UTF-8.`,
    { line: l, column },
  );
}

/** Characters (code points) in bytes[from, to): every byte that does not continue a sequence. */
function characters(bytes: Uint8Array, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (((bytes[i] as number) & 0xc0) !== 0x80) n++;
  return n;
}

function countNewlines(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = bytes.indexOf(0x0a); i !== -1 && i < end; i = bytes.indexOf(0x0a, i + 1)) n++;
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
