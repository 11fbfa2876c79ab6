/**
 * The query history, in `<dataDir>/query-history.json`: each finished run with its environment,
 * timeframe, duration, record count and scanned bytes, newest first. Per environment the newest
 * MAX_PER_ENVIRONMENT unstarred entries are kept; starred ones are always kept. Written like the
 * template store: validated on read, atomic owner-only writes, a corrupt file set aside.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { QueryHistoryEntry, type QueryHistoryList } from '../../src-shared/ipc/contract';

export const MAX_PER_ENVIRONMENT = 300;

const HistoryFile = z.object({ version: z.literal(1), entries: z.array(QueryHistoryEntry) });
type HistoryFile = z.infer<typeof HistoryFile>;

export type NewHistoryEntry = Omit<QueryHistoryEntry, 'id' | 'ranAt' | 'starred'>;

export class QueryHistoryStore {
  /** Serializes read-modify-write cycles so concurrent runs never lose one another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(environmentId: string): Promise<QueryHistoryList> {
    const file = await this.read();
    return forEnvironment(file.entries, environmentId);
  }

  add(entry: NewHistoryEntry): Promise<QueryHistoryList> {
    const full: QueryHistoryEntry = {
      ...entry,
      id: `run-${randomUUID()}`,
      ranAt: this.now().toISOString(),
      starred: false,
    };
    return this.update(entry.environmentId, (entries) => trim([full, ...entries], entry.environmentId));
  }

  async star(id: string, starred: boolean): Promise<QueryHistoryList> {
    const environmentId = (await this.read()).entries.find((e) => e.id === id)?.environmentId;
    if (!environmentId) return { entries: [] };
    return this.update(environmentId, (entries) => entries.map((e) => (e.id === id ? { ...e, starred } : e)));
  }

  private update(
    environmentId: string,
    change: (entries: QueryHistoryEntry[]) => QueryHistoryEntry[],
  ): Promise<QueryHistoryList> {
    const run = this.queue.then(async () => {
      const file = await this.read();
      const entries = change(file.entries);
      await this.write({ version: 1, entries });
      return forEnvironment(entries, environmentId);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<HistoryFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, entries: [] };
      throw err;
    }
    const parsed = HistoryFile.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    await rename(this.path, `${this.path}.corrupt-${Date.now()}`);
    return { version: 1, entries: [] };
  }

  private async write(file: HistoryFile): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(HistoryFile.parse(file))}\n`, { mode: 0o600 });
    await rename(tmp, this.path);
  }
}

function forEnvironment(entries: readonly QueryHistoryEntry[], environmentId: string): QueryHistoryList {
  return { entries: entries.filter((e) => e.environmentId === environmentId) };
}

/** Drops the oldest unstarred entries of one environment beyond the limit. */
function trim(entries: QueryHistoryEntry[], environmentId: string): QueryHistoryEntry[] {
  let kept = 0;
  return entries.filter((e) => {
    if (e.environmentId !== environmentId || e.starred) return true;
    kept++;
    return kept <= MAX_PER_ENVIRONMENT;
  });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
