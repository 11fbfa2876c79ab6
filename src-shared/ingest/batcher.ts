/**
 * Packs prepared event texts into request bodies (JSON arrays) that stay within the 5 MiB request
 * limit and a configurable event count. Deterministic: the same events and limits always give the
 * same batches, which is what lets a resumed job skip exactly the batches already acknowledged.
 */
import { MAX_REQUEST_BYTES } from '../grail/ingest-rules';
import { utf8ByteLength } from '../grail/utf8';

export interface Batch {
  /** 0-based batch number within the job. */
  number: number;
  /** Index of the batch's first event within the job. */
  firstIndex: number;
  count: number;
  /** The request body: a JSON array of the events. */
  body: string;
  bytes: number;
}

/** Brackets and commas are counted exactly; the margin only keeps clear of the limit's edge. */
export const DEFAULT_MAX_BATCH_BYTES = MAX_REQUEST_BYTES - 1024;

export class Batcher {
  private texts: string[] = [];
  private bytes = 2;
  private next = 0;
  private firstIndex = 0;

  constructor(
    private readonly maxEvents: number,
    private readonly maxBytes = DEFAULT_MAX_BATCH_BYTES,
  ) {}

  /** Adds one event; returns the batch it closed, if adding it would have overflowed the limits. */
  add(text: string): Batch | undefined {
    const size = utf8ByteLength(text);
    let closed: Batch | undefined;
    if (
      this.texts.length > 0 &&
      (this.texts.length >= this.maxEvents || this.bytes + size + 1 > this.maxBytes)
    )
      closed = this.flush();
    this.texts.push(text);
    this.bytes += size + (this.texts.length > 1 ? 1 : 0);
    return closed;
  }

  /** Closes the open batch (if any) and returns it. */
  flush(): Batch | undefined {
    if (this.texts.length === 0) return undefined;
    const batch: Batch = {
      number: this.next++,
      firstIndex: this.firstIndex,
      count: this.texts.length,
      body: `[${this.texts.join(',')}]`,
      bytes: this.bytes,
    };
    this.firstIndex += this.texts.length;
    this.texts = [];
    this.bytes = 2;
    return batch;
  }
}
