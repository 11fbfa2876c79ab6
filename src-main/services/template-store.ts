/**
 * The composer's user-saved templates, in `<dataDir>/templates.json`: validated on read, written
 * atomically (temp file + rename, owner-only), a corrupt file set aside rather than overwritten.
 * Payloads are not secrets, but they may be business data, hence the permissions.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../src-shared/errors';
import { UserTemplate, type UserTemplateList } from '../../src-shared/ipc/contract';

/** Enough for a personal library; keeps the file (read whole) small. */
export const MAX_TEMPLATES = 200;

const TemplateFile = z.object({ version: z.literal(1), templates: z.array(UserTemplate) });
type TemplateFile = z.infer<typeof TemplateFile>;

export class TemplateStore {
  /** Serializes read-modify-write cycles so concurrent saves never lose one another. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly path: string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<UserTemplateList> {
    const file = await this.read();
    return { templates: sorted(file.templates) };
  }

  save(input: Pick<UserTemplate, 'name' | 'contentType' | 'body'>): Promise<UserTemplateList> {
    return this.update((templates) => {
      const name = input.name.trim();
      const existing = templates.find((t) => t.name === name);
      const template: UserTemplate = {
        id: existing?.id ?? `tpl-${randomUUID()}`,
        name,
        contentType: input.contentType,
        body: input.body,
        savedAt: this.now().toISOString(),
      };
      if (!existing && templates.length >= MAX_TEMPLATES)
        throw new AppError(
          'TOO_MANY_TEMPLATES',
          `At most ${MAX_TEMPLATES} templates can be saved; delete one first.`,
        );
      return [...templates.filter((t) => t.id !== template.id), template];
    });
  }

  remove(id: string): Promise<UserTemplateList> {
    return this.update((templates) => templates.filter((t) => t.id !== id));
  }

  private update(change: (templates: UserTemplate[]) => UserTemplate[]): Promise<UserTemplateList> {
    const run = this.queue.then(async () => {
      const file = await this.read();
      const templates = change(file.templates);
      await this.write({ version: 1, templates });
      return { templates: sorted(templates) };
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<TemplateFile> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, templates: [] };
      throw err;
    }
    const parsed = TemplateFile.safeParse(safeJson(text));
    if (parsed.success) return parsed.data;
    await rename(this.path, `${this.path}.corrupt-${Date.now()}`);
    return { version: 1, templates: [] };
  }

  private async write(file: TemplateFile): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const tmp = `${this.path}.${process.pid}.tmp`;
    await writeFile(tmp, `${JSON.stringify(TemplateFile.parse(file), null, 2)}\n`, { mode: 0o600 });
    await rename(tmp, this.path);
  }
}

function sorted(templates: readonly UserTemplate[]): UserTemplate[] {
  return [...templates].sort((a, b) => a.name.localeCompare(b.name));
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
