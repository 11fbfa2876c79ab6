import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_TEMPLATES, TemplateStore } from '../../../../src-main/services/template-store';
import { rejectionOf } from '../../../support/rejection';

let dir: string;
let path: string;
const at = new Date('2026-01-02T03:04:05Z');

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizlens-templates-'));
  path = join(dir, 'sub', 'templates.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('TemplateStore', () => {
  it('saves, lists by name, replaces by name, removes, and survives a new instance', async () => {
    const store = new TemplateStore(path, () => at);
    expect(await store.list()).toEqual({ templates: [] });
    await store.save({ name: ' Order ', contentType: 'application/json', body: '{"a":1}' });
    const { templates } = await store.save({
      name: 'Alpha',
      contentType: 'application/cloudevents+json',
      body: '{}',
    });
    expect(templates.map((t) => t.name)).toEqual(['Alpha', 'Order']);
    const order = templates[1]!;
    expect(order).toMatchObject({
      contentType: 'application/json',
      body: '{"a":1}',
      savedAt: at.toISOString(),
    });
    expect(order.id).toMatch(/^tpl-/);

    const replaced = await store.save({ name: 'Order', contentType: 'application/json', body: '{"a":2}' });
    expect(replaced.templates).toHaveLength(2);
    expect(replaced.templates[1]).toMatchObject({ id: order.id, body: '{"a":2}' });

    const reopened = new TemplateStore(path);
    expect((await reopened.remove(order.id)).templates.map((t) => t.name)).toEqual(['Alpha']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('keeps concurrent saves', async () => {
    const store = new TemplateStore(path);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        store.save({ name: `t${i}`, contentType: 'application/json', body: '{}' }),
      ),
    );
    expect((await store.list()).templates).toHaveLength(10);
  });

  it('sets a corrupt file aside instead of overwriting it', async () => {
    await new TemplateStore(path).save({ name: 'x', contentType: 'application/json', body: '{}' });
    await writeFile(path, '{"version":1,"templates":[{"oops":true}]}');
    expect(await new TemplateStore(path).list()).toEqual({ templates: [] });
    const files = await readdir(join(dir, 'sub'));
    expect(files.some((f) => f.startsWith('templates.json.corrupt-'))).toBe(true);
    expect(
      JSON.parse(
        await readFile(
          join(
            dir,
            'sub',
            files.find((f) => f.includes('corrupt'))!,
          ),
          'utf8',
        ),
      ),
    ).toEqual({
      version: 1,
      templates: [{ oops: true }],
    });
  });

  it(`refuses more than ${MAX_TEMPLATES} templates`, async () => {
    const full = {
      version: 1,
      templates: Array.from({ length: MAX_TEMPLATES }, (_, i) => ({
        id: `tpl-${i}`,
        name: `t${i}`,
        contentType: 'application/json',
        body: '{}',
        savedAt: at.toISOString(),
      })),
    };
    await new TemplateStore(path).save({ name: 'first', contentType: 'application/json', body: '{}' });
    await writeFile(path, JSON.stringify(full));
    const err = await rejectionOf(
      new TemplateStore(path).save({ name: 'one more', contentType: 'application/json', body: '{}' }),
    );
    expect(err).toMatchObject({ code: 'TOO_MANY_TEMPLATES' });
  });
});
