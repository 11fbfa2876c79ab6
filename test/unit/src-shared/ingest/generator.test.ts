import { describe, expect, it } from 'vitest';
import { compileGenerator } from '../../../../src-shared/ingest/generator';
import type { GeneratorSpec } from '../../../../src-shared/ingest/generator';

const spec: GeneratorSpec = {
  template: '{"event.provider":"p","event.type":"t","total":0,"fixed":{"k":1}}',
  count: 5,
  seed: 42,
  fields: [
    { field: 'n', kind: 'sequence', start: 10, step: 5 },
    { field: 'order', kind: 'sequence', start: 1, step: 1, prefix: 'ORD-' },
    { field: 'uuid', kind: 'uuid' },
    { field: 'timestamp', kind: 'timestampRange', from: '2026-01-01T00:00:00Z', to: '2026-01-01T00:00:04Z' },
    { field: 'payment', kind: 'pick', values: ['card', 'paypal'] },
    { field: 'total', kind: 'randomNumber', min: 1, max: 3, decimals: 0 },
    { field: 'price', kind: 'randomNumber', min: 0, max: 1, decimals: 2 },
  ],
};

describe('compileGenerator', () => {
  it('fills each field from its generator and sets the id given', () => {
    const gen = compileGenerator(spec);
    const events = Array.from({ length: 5 }, (_, i) => JSON.parse(gen.eventText(i, `id-${i}`)));
    expect(events.map((e) => e.n)).toEqual([10, 15, 20, 25, 30]);
    expect(events.map((e) => e.order)).toEqual(['ORD-1', 'ORD-2', 'ORD-3', 'ORD-4', 'ORD-5']);
    expect(events.map((e) => e.timestamp)).toEqual([0, 1, 2, 3, 4].map((s) => `2026-01-01T00:00:0${s}.000Z`));
    for (const e of events) {
      expect(e['event.id']).toMatch(/^id-\d$/);
      expect(e.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(['card', 'paypal']).toContain(e.payment);
      expect([1, 2, 3]).toContain(e.total);
      expect(e.price).toBeGreaterThanOrEqual(0);
      expect(e.price).toBeLessThanOrEqual(1);
      expect(e.fixed).toEqual({ k: 1 });
    }
    expect(new Set(events.map((e) => e.uuid)).size).toBe(5);
  });

  it('is a pure function of seed and index (a resumed job regenerates the same events)', () => {
    const a = compileGenerator(spec);
    const b = compileGenerator(spec);
    expect(b.eventText(3, 'x')).toBe(a.eventText(3, 'x'));
    expect(compileGenerator({ ...spec, seed: 43 }).eventText(3, 'x')).not.toBe(a.eventText(3, 'x'));
  });

  it('spreads random integers over the whole inclusive range', () => {
    const gen = compileGenerator({ ...spec, count: 2000 });
    const seen = new Set(Array.from({ length: 2000 }, (_, i) => JSON.parse(gen.eventText(i, 'x')).total));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('puts CloudEvent data fields into data and context attributes on the envelope', () => {
    const gen = compileGenerator({
      template: '{"specversion":"1.0","source":"s","type":"t","data":{"a":1}}',
      count: 1,
      seed: 1,
      fields: [
        { field: 'n', kind: 'sequence', start: 7, step: 1 },
        { field: 'subject', kind: 'pick', values: ['x'] },
      ],
    });
    expect(gen.kind).toBe('cloudevent');
    expect(JSON.parse(gen.eventText(0, 'ce-0'))).toEqual({
      specversion: '1.0',
      source: 's',
      type: 't',
      id: 'ce-0',
      subject: 'x',
      data: { a: 1, n: 7 },
    });
  });

  it('explains a bad template or generator', () => {
    expect(() => compileGenerator({ ...spec, template: '{"a":' })).toThrow(/not valid JSON/);
    expect(() => compileGenerator({ ...spec, template: '[1]' })).toThrow(/one JSON object/);
    expect(() =>
      compileGenerator({
        ...spec,
        fields: [{ field: 'x', kind: 'randomNumber', min: 2, max: 1, decimals: 0 }],
      }),
    ).toThrow(/min must not exceed max/);
  });
});
