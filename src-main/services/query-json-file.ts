/**
 * One JSON document in the data directory, as the query stores keep theirs (saved queries,
 * per-environment settings): validated on read, written atomically (temp file + rename,
 * owner-only), a corrupt file set aside rather than overwritten, and read-modify-write cycles
 * serialized so concurrent changes never lose one another.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

export class JsonFile<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly schema: z.ZodType<T>,
    private readonly empty: () => T,
  ) {}

  async read(): Promise<T> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return this.empty();
      throw err;
    }
    const parsed = this.schema.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    await rename(this.path, `${this.path}.corrupt-${Date.now()}`);
    return this.empty();
  }

  /** Applies `change` to the current content and writes the result; returns what was written. */
  update(change: (current: T) => T): Promise<T> {
    const run = this.queue.then(async () => {
      const next = this.schema.parse(change(await this.read()));
      await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
      const tmp = `${this.path}.${process.pid}.tmp`;
      await writeFile(tmp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
      await rename(tmp, this.path);
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
