import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenIngestBody } from '../../../../src-shared/grail/flatten';
import type { FlattenedEvent, FlattenOutcome } from '../../../../src-shared/grail/flatten';
import { parseRfc3339 } from '../../../../src-shared/grail/timestamp';
import { toWireRecord } from '../../../../src-shared/grail/serialize';

// The documented stored example was captured at 2023-08-10T10:06:21.697+02:00 with this event.id.
const DOC_NOW = parseRfc3339('2023-08-10T10:06:21.697+02:00') as bigint;
const DOC_ID = '6f7c0c12-8386-4015-bcb2-296ba73ebd54';

function ctx(nowNs = DOC_NOW) {
  let n = 0;
  return { nowNs, newId: () => (n++ === 0 ? DOC_ID : `generated-${n}`) };
}

function ok(outcome: FlattenOutcome) {
  if (!outcome.ok) throw new Error(`expected ok, got ${outcome.error.message}`);
  return outcome;
}

function stored(e: FlattenedEvent | undefined, tz = 'UTC') {
  if (!e) throw new Error('missing event');
  return toWireRecord(e, tz).record;
}

const ENRICHMENT = {
  'dt.openpipeline.pipelines': ['bizevents:default'],
  'dt.openpipeline.source': '/api/v2/bizevents/ingest',
  'dt.system.bucket': 'default_bizevents',
};

describe('flattenIngestBody — the seed document examples', () => {
  it('stores the single pure JSON event exactly as documented', () => {
    const body = `{"id":"2","paymentType":"paypal","plannedDeliveryDate":"01.01.2024","event.type":"com.bizevent.single",
      "event.provider":"custom.provider","total":234,"customer":{"firstName":"John","lastName":"Doe"},
      "orderItemsProductIDs":["PR-102002002","QZ-123232"]}`;
    const out = ok(flattenIngestBody(body, 'application/json', ctx()));
    expect(out.rejected).toEqual([]);
    expect(out.events).toHaveLength(1);
    expect(stored(out.events[0], '+02:00')).toStrictEqual({
      timestamp: '2023-08-10T10:06:21.697000000+02:00',
      customer: '{"firstName":"John","lastName":"Doe"}',
      'event.id': DOC_ID,
      'event.kind': 'BIZ_EVENT',
      'event.provider': 'custom.provider',
      'event.type': 'com.bizevent.single',
      id: '2',
      orderItemsProductIDs: '["PR-102002002","QZ-123232"]',
      paymentType: 'paypal',
      plannedDeliveryDate: '01.01.2024',
      total: '234',
      ...ENRICHMENT,
    });
    // Stored order: timestamp first, then by name (as in the documented record).
    expect([...(out.events[0]?.fields.keys() ?? [])].slice(0, 3)).toEqual([
      'timestamp',
      'customer',
      'dt.openpipeline.pipelines',
    ]);
    expect(toWireRecord(out.events[0] as FlattenedEvent, 'UTC').types.total).toEqual({ type: 'long' });
  });

  it('stores each element of a pure JSON array, with unknown event.type', () => {
    const item = `{"id":"1","paymentType":"paypal","plannedDeliveryDate":"01.01.2021","event.provider":"custom.provider.array",
      "total":234,"customer":{"firstName":"John","lastName":"Doe"},"orderItemsProductIDs":["PR-102002002","QZ-123232"]}`;
    const out = ok(flattenIngestBody(`[${item},${item}]`, 'application/json; charset=utf-8', ctx()));
    expect(out.events.map((e) => e.index)).toEqual([0, 1]);
    for (const e of out.events) {
      const r = stored(e);
      expect(r['event.type']).toBe('unknown');
      expect(r['event.provider']).toBe('custom.provider.array');
      expect(r.customer).toBe('{"firstName":"John","lastName":"Doe"}');
      expect(r.orderItemsProductIDs).toBe('["PR-102002002","QZ-123232"]');
    }
    expect(stored(out.events[0])['event.id']).not.toBe(stored(out.events[1])['event.id']);
  });

  it('maps a CloudEvent: source/type/id/time to event.*/timestamp, data members lifted', () => {
    const body = `{"specversion":"1.0","id":"8d8c6e5d-829d-4629-86fb-23cda5496fa9","source":"ba.dt.local",
      "type":"com.dynatrace.business","time":"2023-08-07T07:07:13.532Z",
      "data":{"paymentId":"110","orderId":"5117","person":{"firstName":"Max","lastName":"Meyer"}}}`;
    for (const ct of ['application/cloudevent+json', 'application/cloudevents+json']) {
      const out = ok(flattenIngestBody(body, ct, ctx()));
      expect(stored(out.events[0])).toStrictEqual({
        timestamp: '2023-08-07T07:07:13.532000000Z',
        'event.id': '8d8c6e5d-829d-4629-86fb-23cda5496fa9',
        'event.kind': 'BIZ_EVENT',
        'event.provider': 'ba.dt.local',
        'event.type': 'com.dynatrace.business',
        orderId: '5117',
        paymentId: '110',
        person: '{"firstName":"Max","lastName":"Meyer"}',
        ...ENRICHMENT,
      });
    }
  });

  it('maps a CloudEvents batch event by event', () => {
    const body = `[{"specversion":"1.0","id":"8d8c6e5d-829d-4629-86fb-23cda5496fa9","source":"ba.dt.local","type":"com.dynatrace.business",
      "time":"2023-08-07T07:07:13.532Z","data":{"paymentId":"110","orderId":"5717"}},
      {"specversion":"1.0","id":"37d9df29-ba57-4526-8ac7-6baa6ccbc9c4","source":"ba.dt.local","type":"com.dynatrace.business",
      "time":"2023-08-07T07:07:14.532Z","data":{"paymentId":"111","orderId":"5718"}}]`;
    for (const ct of ['application/cloudevent-batch+json', 'application/cloudevents-batch+json']) {
      const out = ok(flattenIngestBody(body, ct, ctx()));
      expect(out.events.map((e) => stored(e)['event.id'])).toEqual([
        '8d8c6e5d-829d-4629-86fb-23cda5496fa9',
        '37d9df29-ba57-4526-8ac7-6baa6ccbc9c4',
      ]);
      expect(out.events.map((e) => stored(e).timestamp)).toEqual([
        '2023-08-07T07:07:13.532000000Z',
        '2023-08-07T07:07:14.532000000Z',
      ]);
      expect(stored(out.events[1]).orderId).toBe('5718');
    }
  });
});

describe('flattenIngestBody — typing', () => {
  it('keeps integer lexemes as exact longs beyond 2^53 and other numbers as doubles', () => {
    const out = ok(
      flattenIngestBody(
        '{"a":9007199254740993,"b":-9223372036854775808,"c":1.5,"d":1e3,"e":-0}',
        'application/json',
        ctx(),
      ),
    );
    const f = out.events[0]?.fields;
    expect(f?.get('a')).toBe(9007199254740993n);
    expect(f?.get('b')).toBe(-9223372036854775808n);
    expect(f?.get('c')).toBe(1.5);
    expect(f?.get('d')).toBe(1000);
    expect(f?.get('e')).toBe(0n);
  });

  it('stores integers outside the long range as doubles, with a warning', () => {
    const out = ok(flattenIngestBody('{"big":9223372036854775808}', 'application/json', ctx()));
    expect(out.events[0]?.fields.get('big')).toBe(9223372036854775808);
    expect(out.warnings.filter((w) => w.code === 'long-overflow')).toEqual([
      {
        code: 'long-overflow',
        indexes: [0],
        field: 'big',
        position: 1,
        message: expect.stringContaining("'big'"),
      },
    ]);
  });

  it('stringifies nested values compactly and keeps their number lexemes', () => {
    const out = ok(
      flattenIngestBody(
        '{"o":{ "x" : 1.50, "y":[ 1e2, 12345678901234567890 ], "z":null }, "arr":[ {"k":true} ]}',
        'application/json',
        ctx(),
      ),
    );
    expect(out.events[0]?.fields.get('o')).toBe('{"x":1.50,"y":[1e2,12345678901234567890],"z":null}');
    expect(out.events[0]?.fields.get('arr')).toBe('[{"k":true}]');
  });

  it('keeps dotted keys flat, drops top-level nulls, last duplicate key wins', () => {
    const out = ok(flattenIngestBody('{"a.b.c":"x","gone":null,"dup":1,"dup":2}', 'application/json', ctx()));
    const f = out.events[0]?.fields;
    expect(f?.get('a.b.c')).toBe('x');
    expect(f?.has('gone')).toBe(false);
    expect(f?.get('dup')).toBe(2n);
  });

  it('forces event.kind and keeps a given event.id; replaces read-only fields', () => {
    const out = ok(
      flattenIngestBody(
        '{"event.kind":"OTHER","event.id":"mine","dt.system.bucket":"x","dt.openpipeline.custom":1}',
        'application/json',
        ctx(),
      ),
    );
    const r = stored(out.events[0]);
    expect(r['event.kind']).toBe('BIZ_EVENT');
    expect(r['event.id']).toBe('mine');
    expect(r['dt.system.bucket']).toBe('default_bizevents');
    expect(r).not.toHaveProperty('dt.openpipeline.custom');
    const warned = out.warnings.map((w) => w.message).join('\n');
    for (const name of ['event.kind', 'dt.system.bucket', 'dt.openpipeline.custom'])
      expect(warned).toContain(`'${name}'`);
  });

  it('accepts a UTF-8 byte order mark', () => {
    expect(ok(flattenIngestBody('\uFEFF{"a":1}', 'application/json', ctx())).events).toHaveLength(1);
  });
});

describe('flattenIngestBody — timestamps', () => {
  const now = parseRfc3339('2024-01-01T00:00:00Z') as bigint;
  const ts = (json: string, ct = 'application/json') => {
    const out = ok(flattenIngestBody(json, ct, ctx(now)));
    const warnings = out.warnings.filter((w) => w.code.startsWith('timestamp-'));
    return { ns: out.events[0]?.timestampNs, warnings, record: stored(out.events[0]) };
  };

  it('reads epoch numbers as seconds (≤1e11), milliseconds (≤1e14) or microseconds', () => {
    expect(ts('{"timestamp":1700000000}').record.timestamp).toBe('2023-11-14T22:13:20.000000000Z');
    expect(ts('{"timestamp":1700000000.25}').record.timestamp).toBe('2023-11-14T22:13:20.250000000Z');
    expect(ts('{"timestamp":1700000000123}').record.timestamp).toBe('2023-11-14T22:13:20.123000000Z');
    expect(ts('{"timestamp":1700000000123456}').record.timestamp).toBe('2023-11-14T22:13:20.123456000Z');
    expect(ts('{"timestamp":"1700000000123"}').record.timestamp).toBe('2023-11-14T22:13:20.123000000Z');
  });

  it('reads RFC 3339 strings with offsets and nanoseconds', () => {
    expect(ts('{"timestamp":"2023-12-31T23:00:00.123456789+01:00"}').record.timestamp).toBe(
      '2023-12-31T22:00:00.123456789Z',
    );
    expect(ts('{"timestamp":"2023-12-31T23:00:00.123456789+01:00"}').record).not.toHaveProperty(
      'timestampOriginal',
    );
  });

  it('falls back to ingest time (with a warning) when unparseable or missing', () => {
    expect(ts('{"timestamp":"yesterday"}').ns).toBe(now);
    expect(ts('{"timestamp":"yesterday"}').warnings).toHaveLength(1);
    expect(ts('{"timestamp":{"a":1}}').ns).toBe(now);
    expect(ts('{"x":1}').ns).toBe(now);
    expect(ts('{"x":1}').warnings).toHaveLength(0);
  });

  it('clamps timestamps more than 10 minutes in the future to now + 10 minutes', () => {
    const tenMinutes = 600_000_000_000n;
    expect(ts('{"timestamp":"2024-01-01T00:09:59Z"}').ns).toBe(now + tenMinutes - 1_000_000_000n);
    const far = ts('{"timestamp":"2030-01-01T00:00:00Z"}');
    expect(far.ns).toBe(now + tenMinutes);
    expect(far.warnings[0]?.message).toMatch(/future/);
    expect(ts('{"timestamp":99999999999999999999999}').ns).toBe(now + tenMinutes);
  });

  it('uses CloudEvent time over a data.timestamp member', () => {
    const ce = (extra: string) => `{"specversion":"1.0","id":"1","source":"s","type":"t"${extra}}`;
    expect(
      ts(
        ce(',"time":"2023-01-01T00:00:00Z","data":{"timestamp":"2022-01-01T00:00:00Z"}'),
        'application/cloudevent+json',
      ).record.timestamp,
    ).toBe('2023-01-01T00:00:00.000000000Z');
    expect(
      ts(ce(',"data":{"timestamp":"2022-01-01T00:00:00Z"}'), 'application/cloudevent+json').record.timestamp,
    ).toBe('2022-01-01T00:00:00.000000000Z');
    expect(ts(ce(''), 'application/cloudevent+json').ns).toBe(now);
  });
});

describe('flattenIngestBody — rejection and errors', () => {
  it('rejects array elements that are not objects individually', () => {
    const out = ok(flattenIngestBody('[{"a":1}, 5, "x", {"b":2}, null]', 'application/json', ctx()));
    expect(out.events.map((e) => e.index)).toEqual([0, 3]);
    expect(out.rejected.map((r) => r.index)).toEqual([1, 2, 4]);
  });

  it('rejects CloudEvents missing a required attribute, keeping the valid ones', () => {
    const good = '{"specversion":"1.0","id":"a","source":"s","type":"t"}';
    const out = ok(
      flattenIngestBody(
        `[${good}, {"id":"b","source":"s","type":"t"}, {"specversion":"1.0","source":"s","type":"t"}, {"specversion":"1.0","id":"c","source":"s","type":"t","data":"text"}, {"specversion":"1.0","id":7,"source":"s","type":"t"}]`,
        'application/cloudevent-batch+json',
        ctx(),
      ),
    );
    expect(out.events.map((e) => e.index)).toEqual([0]);
    expect(out.rejected).toEqual([
      { index: 1, id: 'b', source: 's', message: expect.stringContaining("'specversion'") },
      { index: 2, source: 's', message: expect.stringContaining("'id'") },
      { index: 3, id: 'c', source: 's', message: expect.stringContaining("'data'") },
      { index: 4, source: 's', message: expect.stringContaining("'id'") },
    ]);
  });

  it('keeps other CloudEvent attributes (subject, extensions) as top-level fields and drops the envelope', () => {
    const out = ok(
      flattenIngestBody(
        '{"specversion":"1.0","id":"a","source":"s","type":"t","subject":"order/1","myext":5,"data":{"x":1}}',
        'application/cloudevent+json',
        ctx(),
      ),
    );
    const r = stored(out.events[0]);
    expect(r.subject).toBe('order/1');
    expect(r.myext).toBe('5');
    for (const gone of ['specversion', 'id', 'source', 'type', 'time', 'data'])
      expect(r).not.toHaveProperty(gone);
  });

  it('fails as a whole on invalid JSON, with a position', () => {
    const out = flattenIngestBody('{"a":1,,}', 'application/json', ctx());
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.position).toBe(7);
  });

  it('fails as a whole on a wrong top-level shape for the content type', () => {
    expect(flattenIngestBody('5', 'application/json', ctx()).ok).toBe(false);
    expect(flattenIngestBody('[{}]', 'application/cloudevent+json', ctx()).ok).toBe(false);
    expect(flattenIngestBody('{}', 'application/cloudevent-batch+json', ctx()).ok).toBe(false);
    expect(flattenIngestBody('{}', 'text/plain', ctx()).ok).toBe(false);
    expect(flattenIngestBody('{}', 'application/json; charset=latin1', ctx()).ok).toBe(false);
  });

  it('never throws, and accepts every JSON object (property)', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.constantFrom(
          'application/json',
          'application/cloudevent+json',
          'application/cloudevent-batch+json',
        ),
        (text, ct) => {
          expect(() => flattenIngestBody(text, ct, ctx())).not.toThrow();
        },
      ),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const out = flattenIngestBody(JSON.stringify(obj), 'application/json', ctx());
        expect(out.ok && out.events.length === 1 && out.rejected.length === 0).toBe(true);
      }),
    );
  });

  it('never throws on deeply nested input', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(() => flattenIngestBody(deep, 'application/json', ctx())).not.toThrow();
  });
});
