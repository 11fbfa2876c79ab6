/**
 * Saved (named) queries in `<dataDir>/saved-queries.json`, each for one environment or global
 * (`environmentId: null`). Saving under an existing name in the same place replaces that query.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { SavedQuery, type SavedQueryList } from '../../src-shared/ipc/contract';
import { JsonFile } from './query-json-file';

/** Keeps the file (read whole on every list) small. */
export const MAX_SAVED_QUERIES = 1000;

const SavedFile = z.object({ version: z.literal(1), queries: z.array(SavedQuery) });
type SavedFile = z.infer<typeof SavedFile>;

export interface SaveQueryInput {
  id?: string | undefined;
  name: string;
  query: string;
  environmentId: string | null;
}

export class SavedQueryStore {
  private readonly file: JsonFile<SavedFile>;

  constructor(
    path: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = new JsonFile(path, SavedFile, () => ({ version: 1, queries: [] }));
  }

  /** The global queries plus those of the environment (only the global ones for `null`). */
  async list(environmentId: string | null): Promise<SavedQueryList> {
    return visible((await this.file.read()).queries, environmentId);
  }

  async save(input: SaveQueryInput, viewer: string | null = input.environmentId): Promise<SavedQueryList> {
    const file = await this.file.update((f) => {
      const name = input.name.trim();
      const existing = f.queries.find((q) =>
        input.id ? q.id === input.id : q.name === name && q.environmentId === input.environmentId,
      );
      if (!existing && f.queries.length >= MAX_SAVED_QUERIES)
        throw new AppError('TOO_MANY_SAVED_QUERIES', `At most ${MAX_SAVED_QUERIES} queries can be saved.`);
      const saved: SavedQuery = {
        id: existing?.id ?? `saved-${randomUUID()}`,
        name,
        query: input.query,
        environmentId: input.environmentId,
        savedAt: this.now().toISOString(),
      };
      return { ...f, queries: [...f.queries.filter((q) => q.id !== saved.id), saved] };
    });
    return visible(file.queries, viewer);
  }

  async remove(id: string, viewer: string | null): Promise<SavedQueryList> {
    const file = await this.file.update((f) => ({ ...f, queries: f.queries.filter((q) => q.id !== id) }));
    return visible(file.queries, viewer);
  }
}

function visible(queries: readonly SavedQuery[], environmentId: string | null): SavedQueryList {
  return {
    queries: queries
      .filter((q) => q.environmentId === null || q.environmentId === environmentId)
      .sort((a, b) => a.name.localeCompare(b.name)),
  };
}
