import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenIngestBody } from '../../../../src-shared/grail/flatten';
import type { FlattenOutcome, FlattenWarningCode } from '../../../../src-shared/grail/flatten';

const ctx = () => {
  let n = 0;
  return { nowNs: 1_700_000_000_000_000_000n, newId: () => `generated-${++n}` };
};

function ok(outcome: FlattenOutcome) {
  if (!outcome.ok) throw new Error(`expected ok, got ${outcome.error.message}`);
  return outcome;
}

const warnings = (body: string, ct = 'application/json') => ok(flattenIngestBody(body, ct, ctx())).warnings;
const codes = (body: string, ct?: string): FlattenWarningCode[] => warnings(body, ct).map((w) => w.code);
const CE = '{"specversion":"1.0","id":"1","source":"ba.dt.local","type":"t"';

describe('flattening warnings', () => {
  it('says when event.provider or event.type will be "unknown", pointing at the event', () => {
    const body = '[{"event.provider":"p","event.type":"t"}, {"event.provider":"p"}, {}]';
    const w = warnings(body);
    expect(w.map((x) => [x.code, x.indexes])).toEqual([
      ['missing-type', [1, 2]],
      ['missing-provider', [2]],
    ]);
    expect(w[0]).toMatchObject({ field: 'event.type', position: body.indexOf('{"event.provider":"p"}') });
    expect(w[0]?.message).toMatch(/stored as 'unknown'/);
    expect(codes(`${CE}}`, 'application/cloudevent+json')).toEqual([]);
  });

  it('explains that nested objects become strings and suggests dotted top-level keys', () => {
    const body =
      '{"event.provider":"p","event.type":"t","customer":{"firstName":"J","address":{"city":"L"}},"tags":["a"]}';
    const w = warnings(body);
    expect(w.map((x) => [x.code, x.field])).toEqual([
      ['nested-object', 'customer'],
      ['nested-array', 'tags'],
    ]);
    expect(w[0]?.message).toContain("'customer.firstName', 'customer.address.city'");
    expect(w[0]?.position).toBe(body.indexOf('"customer"'));
  });

  it('groups one warning per code and field across a batch', () => {
    const item = '{"event.provider":"p","event.type":"t","o":{"a":1}}';
    const w = warnings(`[${Array.from({ length: 500 }, () => item).join(',')}]`);
    expect(w).toHaveLength(1);
    expect(w[0]?.indexes).toHaveLength(500);
  });

  it('warns about duplicate keys (last wins, nested strings too) and __proto__-style keys', () => {
    const body =
      '{"event.provider":"p","event.type":"t","a":1,"a":2,"o":{"k":1,"k":2},"__proto__":"x","n":{"constructor":{}}}';
    const out = ok(flattenIngestBody(body, 'application/json', ctx()));
    const f = out.events[0]?.fields;
    expect(f?.get('a')).toBe(2n);
    expect(f?.get('o')).toBe('{"k":2}');
    expect(f?.get('__proto__')).toBe('x');
    const byField = Object.fromEntries(out.warnings.map((w) => [`${w.code}:${w.field}`, w]));
    expect(byField['duplicate-key:a']).toMatchObject({ indexes: [0], position: body.lastIndexOf('"a"') });
    expect(byField['duplicate-key:k']?.message).toMatch(/kept in the stored string/);
    expect(byField['prototype-key:__proto__']?.message).toMatch(/prototype-polluted/);
    expect(byField['prototype-key:constructor']).toBeDefined();
  });

  it('suggests each dotted key once when a nested object repeats a key (the last value is stored)', () => {
    const body = '{"event.provider":"p","event.type":"t","o":{"x":1,"y":2,"x":{"z":3}}}';
    const w = warnings(body).find((x) => x.code === 'nested-object');
    expect(w?.message).toContain("e.g. 'o.x.z', 'o.y'.");
  });

  it("says a repeated key in a CloudEvent's data is stored (data members are top-level fields)", () => {
    const body = `${CE},"data":{"a":1,"a":2,"n":{"k":1,"k":2}}}`;
    const out = ok(flattenIngestBody(body, 'application/cloudevent+json', ctx()));
    expect(out.events[0]?.fields.get('a')).toBe(2n);
    const byField = Object.fromEntries(out.warnings.map((w) => [`${w.code}:${w.field}`, w.message]));
    expect(byField['duplicate-key:a']).toMatch(/only the last value is stored\.$/);
    expect(byField['duplicate-key:k']).toMatch(/kept in the stored string/);
  });

  it('stores an RFC 3164 (syslog) timestamp as given, without calling it unparseable', () => {
    const out = ok(
      flattenIngestBody(
        '[{"timestamp":"Nov 14 20:00:00","event.provider":"p","event.type":"t"}]',
        'application/json',
        ctx(),
      ),
    );
    expect(out.events[0]?.timestampNs).toBe(1_699_992_000_000_000_000n); // 2023-11-14T20:00:00Z
    expect(out.warnings).toEqual([]);
  });

  it('validates CloudEvents with the CloudEvents SDK: findings are warnings, the event is stored', () => {
    const body =
      '{"specversion":"1.0","id":"1","source":"not a uri ref","type":"t","time":"2023-08-07T07:07:13.532Z","myExt":1}';
    const out = ok(flattenIngestBody(body, 'application/cloudevent+json', ctx()));
    expect(out.events).toHaveLength(1);
    const w = out.warnings.filter((x) => x.code === 'cloudevent-invalid');
    expect(w.map((x) => x.field)).toEqual(['source', 'myExt']);
    expect(w[0]?.message).toMatch(/uri-reference/);
    expect(w[0]?.position).toBe(body.indexOf('"source"'));
    expect(w[1]?.message).toMatch(/lower-case letters and digits/);
    expect(codes(`${CE},"time":"yesterday"}`, 'application/cloudevent+json')).toContain('cloudevent-invalid');
    expect(
      codes(`${CE},"time":"2023-08-07T07:07:13Z","data":{"x":1}}`, 'application/cloudevent+json'),
    ).toEqual([]);
    expect(
      warnings('{"specversion":"0.3","id":"1","source":"s","type":"t"}', 'application/cloudevent+json')[0]
        ?.message,
    ).toMatch(/"0.3"/);
  });

  it('still rejects CloudEvents that miss a required attribute', () => {
    const out = ok(
      flattenIngestBody('{"specversion":"1.0","id":"1","type":"t"}', 'application/cloudevent+json', ctx()),
    );
    expect(out.events).toHaveLength(0);
    expect(out.rejected[0]?.message).toMatch(/'source'/);
  });

  it('warns when the payload is over the 5 MiB request limit, counting UTF-8 bytes', () => {
    const big = `{"event.provider":"p","event.type":"t","x":"${'é'.repeat(2_700_000)}"}`;
    const w = warnings(big);
    expect(w[0]).toMatchObject({ code: 'payload-too-large', message: expect.stringContaining('413') });
    expect(w[0]?.indexes).toBeUndefined();
    expect(codes(`{"event.provider":"p","event.type":"t","x":"${'e'.repeat(2_700_000)}"}`)).toEqual([]);
  });

  it('shifts positions past a byte order mark', () => {
    const body = '\uFEFF{"a":{"b":1}}';
    const w = warnings(body).find((x) => x.code === 'nested-object');
    expect(w?.position).toBe(body.indexOf('"a"'));
    expect(ok(flattenIngestBody(body, 'application/json', ctx())).spans).toEqual([
      { start: 1, end: body.length },
    ]);
  });

  it('returns the span of every event, so rejected ones can be marked in the text', () => {
    const body = '[ {"a":1},\n  7 ]';
    const out = ok(flattenIngestBody(body, 'application/json', ctx()));
    expect(out.spans).toEqual([
      { start: 2, end: 9 },
      { start: 13, end: 14 },
    ]);
  });
});

describe('flattening properties', () => {
  it('is deterministic for the same text and context', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = JSON.stringify(v);
        expect(flattenIngestBody(text, 'application/json', ctx())).toEqual(
          flattenIngestBody(text, 'application/json', ctx()),
        );
      }),
    );
  });

  it('keeps top-level strings, booleans and integers unchanged', () => {
    const scalar = fc.oneof(fc.string(), fc.boolean(), fc.maxSafeInteger());
    const reserved = /^(timestamp|event\.(kind|id|provider|type)|dt\.(ingest|openpipeline|retain|system)\.)/;
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string().filter((k) => !reserved.test(k)),
          scalar,
        ),
        (obj) => {
          const out = ok(flattenIngestBody(JSON.stringify(obj), 'application/json', ctx()));
          const fields = out.events[0]?.fields;
          for (const [k, v] of Object.entries(obj)) {
            expect(fields?.get(k)).toEqual(typeof v === 'number' ? BigInt(v) : v);
          }
        },
      ),
    );
  });
});
