/**
 * Environment profiles in the settings file: the non-secret parts only. Writes are serialised so
 * concurrent edits cannot lose one another; every write is validated by the settings schema.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../src-shared/errors';
import type { EnvironmentProfile, Settings, SettingsFile } from '../platform/settings-file';

export class ProfileStore {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private settings: Settings,
    private readonly file: SettingsFile,
  ) {}

  static async open(file: SettingsFile): Promise<ProfileStore> {
    const settings = await file.read(() => ({ version: 1, environments: [], selectedEnvironmentId: null }));
    return new ProfileStore(settings, file);
  }

  all(): readonly EnvironmentProfile[] {
    return this.settings.environments;
  }

  selectedId(): string | null {
    return this.settings.selectedEnvironmentId;
  }

  find(id: string): EnvironmentProfile | undefined {
    return this.settings.environments.find((p) => p.id === id);
  }

  get(id: string): EnvironmentProfile {
    const profile = this.find(id);
    if (!profile) throw new AppError('UNKNOWN_ENVIRONMENT', 'No such environment.');
    return profile;
  }

  newId(): string {
    return `env-${randomUUID().slice(0, 8)}`;
  }

  /** Adds or replaces a profile (same id), keeping the list order. */
  async put(profile: EnvironmentProfile, options: { first?: boolean } = {}): Promise<void> {
    const list = [...this.settings.environments];
    const at = list.findIndex((p) => p.id === profile.id);
    if (at >= 0) list[at] = profile;
    else if (options.first) list.unshift(profile);
    else list.push(profile);
    await this.save({ ...this.settings, environments: list });
  }

  async remove(id: string): Promise<void> {
    const environments = this.settings.environments.filter((p) => p.id !== id);
    const selectedEnvironmentId =
      this.settings.selectedEnvironmentId === id
        ? (environments[0]?.id ?? null)
        : this.settings.selectedEnvironmentId;
    await this.save({ ...this.settings, environments, selectedEnvironmentId });
  }

  async select(id: string | null): Promise<void> {
    if (id !== null) this.get(id);
    await this.save({ ...this.settings, selectedEnvironmentId: id });
  }

  private save(next: Settings): Promise<void> {
    this.settings = next;
    const write = this.writing.then(() => this.file.write(this.settings));
    this.writing = write.catch(() => undefined);
    return write;
  }
}
