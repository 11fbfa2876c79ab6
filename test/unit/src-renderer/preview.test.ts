import { describe, expect, it } from 'vitest';
import {
  computePreview,
  StablePreviewIds,
  storedEvent,
} from '../../../src-renderer/features/composer/preview';
import { PAYLOAD_TEMPLATES } from '../../../src-renderer/features/composer/templates';

const ctx = () => {
  let n = 0;
  return { nowNs: 1_700_000_000_000_000_000n, newId: () => `id-${++n}` };
};
const template = (id: string) => PAYLOAD_TEMPLATES.find((t) => t.id === id)!;

describe('computePreview', () => {
  it('shows the documented stored form of the pure JSON example', () => {
    const t = template('json-single');
    const preview = computePreview(t.body, t.contentType, ctx());
    expect(preview.kind).toBe('ok');
    if (preview.kind !== 'ok') return;
    expect(preview.events).toHaveLength(1);
    const stored = storedEvent(preview.events[0]!, 'UTC');
    const byName = Object.fromEntries(stored.fields.map((f) => [f.name, f]));
    expect(byName.customer).toMatchObject({ type: 'string', text: '{"firstName":"John","lastName":"Doe"}' });
    expect(byName.orderItemsProductIDs?.text).toBe('["PR-102002002","QZ-123232"]');
    expect(byName['event.kind']?.text).toBe('BIZ_EVENT');
    expect(byName['event.id']?.text).toBe('id-1');
    expect(byName.total).toMatchObject({ type: 'long', text: '234', kind: 'number' });
    expect(byName.timestamp?.type).toBe('timestamp');
    expect(stored.fields[0]?.name).toBe('timestamp');
    expect(JSON.parse(stored.json)).toMatchObject({
      customer: '{"firstName":"John","lastName":"Doe"}',
      total: '234',
    });
  });

  it('maps CloudEvent attributes and lifts data members', () => {
    const t = template('cloudevent');
    const preview = computePreview(t.body, t.contentType, ctx());
    if (preview.kind !== 'ok') throw new Error(preview.kind);
    const names = storedEvent(preview.events[0]!, 'UTC').fields.map((f) => f.name);
    expect(names).toEqual(expect.arrayContaining(['event.provider', 'event.type', 'paymentId', 'person']));
    expect(names).not.toContain('data');
  });

  it('lists rejected batch items', () => {
    const preview = computePreview(
      '[{"specversion":"1.0","id":"1","source":"s","type":"t"},{"specversion":"1.0","id":"2","type":"t"}]',
      'application/cloudevents-batch+json',
      ctx(),
    );
    if (preview.kind !== 'ok') throw new Error(preview.kind);
    expect(preview.events).toHaveLength(1);
    expect(preview.rejected).toEqual([
      expect.objectContaining({ index: 1, message: expect.stringContaining('source') }),
    ]);
  });

  it('reports parse errors with line and column', () => {
    const preview = computePreview('{\n  "a": 1,\n  "b": }', 'application/json', ctx());
    expect(preview).toMatchObject({ kind: 'error', line: 3 });
    if (preview.kind === 'error') expect(preview.message).toMatch(/not valid JSON/);
  });

  it('is empty for blank text', () => {
    expect(computePreview('  \n', 'application/json', ctx())).toEqual({ kind: 'empty' });
  });

  it('previews every event of a 100 KB payload', () => {
    const body = JSON.stringify(
      Array.from({ length: 800 }, (_, i) => ({
        id: String(i),
        total: i,
        customer: { name: 'x'.repeat(60) },
      })),
      null,
      2,
    );
    expect(body.length).toBeGreaterThan(100_000);
    const preview = computePreview(body, 'application/json', ctx());
    expect(preview.kind === 'ok' && preview.events.length).toBe(800);
  });
});

describe('StablePreviewIds', () => {
  it('hands out the same n-th id on every recomputation', () => {
    const ids = new StablePreviewIds();
    const first = ids.sequence();
    const a = [first(), first()];
    const second = ids.sequence();
    expect([second(), second(), second()].slice(0, 2)).toEqual(a);
    expect(new Set(a).size).toBe(2);
  });
});
