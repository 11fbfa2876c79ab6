/**
 * Per-environment query limits (max records, max bytes, scan limit) in
 * `<dataDir>/query-settings.json`. An environment without its own settings gets the Notebooks
 * defaults; removing an environment leaves a few bytes behind, which is harmless.
 */
import { z } from 'zod';
import { DEFAULT_QUERY_SETTINGS, QuerySettings } from '../../src-shared/ipc/contract';
import { JsonFile } from './query-json-file';

const SettingsFile = z.object({ version: z.literal(1), environments: z.record(z.string(), QuerySettings) });
type SettingsFile = z.infer<typeof SettingsFile>;

export class QuerySettingsStore {
  private readonly file: JsonFile<SettingsFile>;

  constructor(path: string) {
    this.file = new JsonFile(path, SettingsFile, () => ({ version: 1, environments: {} }));
  }

  async get(environmentId: string): Promise<QuerySettings> {
    const file = await this.file.read();
    return file.environments[environmentId] ?? DEFAULT_QUERY_SETTINGS;
  }

  async save(environmentId: string, settings: QuerySettings): Promise<QuerySettings> {
    const file = await this.file.update((f) => ({
      ...f,
      environments: { ...f.environments, [environmentId]: settings },
    }));
    return file.environments[environmentId] ?? settings;
  }
}
