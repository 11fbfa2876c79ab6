/**
 * Import and export of profiles without secrets: a versioned JSON document that a colleague can
 * import and then add their own secrets to. Imported entries are validated like typed-in ones.
 */
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { AuthKind, LabelColor, SafetyLevel, type ProfileDraft } from '../../src-shared/ipc/contract';
import type { EnvironmentProfile } from '../platform/settings-file';

const FORMAT = 'bizlens-environments';

const ExportedProfile = z.object({
  name: z.string().min(1).max(200),
  url: z.string().max(2048),
  authKind: AuthKind,
  clientId: z.string().max(200).optional(),
  scopes: z.array(z.string().max(200)).max(100).optional(),
  resource: z.string().max(200).optional(),
  tokenUrl: z.string().max(2048).optional(),
  caCertificate: z
    .string()
    .max(64 * 1024)
    .optional(),
  color: LabelColor.optional(),
  safety: SafetyLevel.optional(),
});

const ExportDocument = z.object({
  format: z.literal(FORMAT),
  version: z.literal(1),
  environments: z.array(z.unknown()).max(500),
});

/** Tenant profiles only (the sandbox is per machine), with no secret and no token identifier. */
export function exportProfiles(profiles: readonly EnvironmentProfile[]): { text: string; count: number } {
  const environments = profiles
    .filter((p) => p.kind === 'tenant')
    .map((p) => ({
      name: p.name,
      url: p.url ?? '',
      authKind: p.authKind,
      ...(p.authKind === 'oauth'
        ? {
            clientId: p.clientId,
            scopes: p.scopes,
            tokenUrl: p.tokenUrl,
            ...(p.resource ? { resource: p.resource } : {}),
          }
        : {}),
      ...(p.caCertificate ? { caCertificate: p.caCertificate } : {}),
      color: p.color ?? 'gray',
      safety: p.safety ?? 'normal',
    }));
  return {
    text: `${JSON.stringify({ format: FORMAT, version: 1, environments }, null, 2)}\n`,
    count: environments.length,
  };
}

export interface ParsedImport {
  drafts: { draft: ProfileDraft; index: number }[];
  skipped: { name: string; reason: string }[];
}

export function parseImport(text: string): ParsedImport {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError(
      'INVALID_IMPORT',
      'This is not JSON. Paste the text of a Bizlens environments export.',
    );
  }
  const doc = ExportDocument.safeParse(json);
  if (!doc.success)
    throw new AppError(
      'INVALID_IMPORT',
      `This is not a Bizlens environments export (format "${FORMAT}", version 1).`,
    );
  const drafts: ParsedImport['drafts'] = [];
  const skipped: ParsedImport['skipped'] = [];
  doc.data.environments.forEach((entry, index) => {
    const parsed = ExportedProfile.safeParse(entry);
    if (!parsed.success) {
      const name = (entry as { name?: unknown } | null)?.name;
      skipped.push({
        name: typeof name === 'string' ? name.slice(0, 200) : `entry ${index + 1}`,
        reason: parsed.error.issues[0]?.message ?? 'invalid entry',
      });
      return;
    }
    // Any secret-looking member of the entry was dropped by the schema above: never imported.
    drafts.push({
      draft: { ...parsed.data, color: parsed.data.color ?? 'gray', safety: parsed.data.safety ?? 'normal' },
      index,
    });
  });
  return { drafts, skipped };
}
