/**
 * Non-secret settings in a validated JSON file. Written atomically (temp file + rename) with
 * owner-only permissions; a corrupt file is kept aside, never silently overwritten.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

export const LABEL_COLORS = ['gray', 'blue', 'green', 'yellow', 'orange', 'red', 'purple'] as const;
export const SAFETY_LEVELS = ['normal', 'production', 'read-only'] as const;

/** A profile's non-secret parts. Secrets live only in the credential store, keyed by the profile id. */
export const EnvironmentProfile = z.object({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  kind: z.enum(['sandbox', 'tenant']),
  /** The environment URL as the user gave it (normalised); bases are derived from it. */
  url: z.string().url().optional(),
  authKind: z.enum(['oauth', 'apiToken', 'platformToken']),
  clientId: z.string().max(200).optional(),
  scopes: z.array(z.string().max(200)).max(100).optional(),
  tokenUrl: z.string().url().optional(),
  /** OAuth `resource` (urn:dtaccount:<uuid>), when the client requires one. */
  resource: z.string().max(200).optional(),
  /** Extra CA certificates (PEM) for this environment's TLS: public certificates, not secrets. */
  caCertificate: z
    .string()
    .max(64 * 1024)
    .optional(),
  color: z.enum(LABEL_COLORS).optional(),
  safety: z.enum(SAFETY_LEVELS).optional(),
  /** `prefix.public` of the stored secret: documented as safe to show and log (seed 002). */
  tokenIdentifier: z.string().max(100).optional(),
});
export type EnvironmentProfile = z.infer<typeof EnvironmentProfile>;

export const Settings = z.object({
  version: z.literal(1),
  environments: z.array(EnvironmentProfile),
  selectedEnvironmentId: z.string().nullable(),
});
export type Settings = z.infer<typeof Settings>;

export class SettingsFile {
  constructor(private readonly path: string) {}

  async read(fallback: () => Settings): Promise<Settings> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return fallback();
      throw err;
    }
    const parsed = Settings.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    await rename(this.path, `${this.path}.corrupt-${Date.now()}`);
    return fallback();
  }

  async write(settings: Settings): Promise<void> {
    const data = Settings.parse(settings);
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(data, null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.path);
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
