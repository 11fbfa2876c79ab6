/**
 * Fuzzed requests over real HTTP (issue 3: "fuzzed request bodies and queries never crash the
 * server"): every answer is a client error or success with a readable body, never a 5xx or a
 * dropped connection, and the sandbox still ingests and answers exactly afterwards.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_API_TOKEN } from '../../../src-main/sandbox/dev-credentials';
import { ALL_SCOPES, QUERY, query, requestToken, startTestSandbox } from './helpers';
import type { TestSandbox } from './helpers';

/** Multiplies the runs (FUZZ_SCALE=10 for a longer search than CI's). */
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);

let t: TestSandbox;
let token: string;

beforeAll(async () => {
  t = await startTestSandbox();
  token = await requestToken(t.url, ALL_SCOPES);
});

afterAll(async () => {
  await t?.dispose();
});

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/cloudevent+json',
  'application/cloudevents+json',
  'application/cloudevent-batch+json',
  'application/cloudevents-batch+json',
  'text/plain',
];

const SEED = JSON.stringify([
  { 'event.type': 'fuzz', 'event.provider': 'p', n: 1, nested: { a: [1, 'x'] } },
  { specversion: '1.0', source: 's', type: 't', id: '1', data: { k: 'v' } },
]);

/** Text near valid payloads: the seed with characters inserted, cut or replaced at random places. */
const mutated = fc
  .array(fc.tuple(fc.nat(SEED.length), fc.nat(3), fc.string({ unit: 'binary', maxLength: 4 })), {
    minLength: 1,
    maxLength: 4,
  })
  .map((edits) => edits.reduce((s, [at, cut, insert]) => s.slice(0, at) + insert + s.slice(at + cut), SEED));

const body = fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
  fc.json().map((s) => Buffer.from(s)),
  fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  mutated.map((s) => Buffer.from(s)),
  fc.integer({ min: 1, max: 5000 }).map((n) => Buffer.from('['.repeat(n) + ']'.repeat(n % 7 === 0 ? n : 0))),
);

/** DQL-like text: words of the language in random order, and random strings. */
const WORDS = [
  'fetch',
  'bizevents',
  'logs',
  '|',
  'filter',
  'summarize',
  'count()',
  'by:',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  'sort',
  'limit',
  '1000000000000',
  '-1',
  'desc',
  'fields',
  'parse',
  '"LD:x"',
  'makeTimeseries',
  'interval:',
  '1m',
  'data',
  'record(a=1)',
  'array(',
  ',',
  '==',
  'and',
  'not',
  'expand',
  'join',
  '[fetch bizevents]',
  'on:',
  'timestamp',
  '@d',
  'now()',
  '-',
  '2h',
  'from:',
  'to:',
  'x',
  '"',
  "'",
  '`',
  '\\',
  '~',
  'lookup',
  'dedup',
  'fieldsFlatten',
  'jsonExtract',
  'append',
  'failIf',
  'true',
  'null',
  '1/0',
  'toLong("9"+"9")',
];
/** Stages that parse, with random operands: these queries run, over what the fuzzing stored. */
const stage = fc.oneof(
  fc.integer({ min: -3, max: 3 }).map((k) => `| filter n > ${k}`),
  fc.integer({ min: 0, max: 5 }).map((k) => `| limit ${k}`),
  fc.constantFrom(
    '| sort n desc',
    '| summarize c = count(), s = sum(n), by: {event.type}',
    '| fields n, nested, event.type',
    '| fieldsAdd y = n * 2, z = 1 / n, w = concat(event.type, "-")',
    '| expand a = array(1, 2, n)',
    '| dedup event.type',
    '| parse nested, "JSON:j"',
    '| makeTimeseries count(), interval: 1m',
    '| fieldsFlatten j',
    '| append [data record(n = 7)]',
    '| filter matchesPhrase(event.type, "fuzz")',
    '| fieldsRemove nested',
    '| sort timestamp asc | limit 2',
  ),
);
const dql = fc.oneof(
  { weight: 1, arbitrary: fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }).map((w) => w.join(' ')) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
  {
    weight: 3,
    arbitrary: fc
      .array(stage, { maxLength: 5 })
      .map((stages) => ['fetch bizevents, from: -1d', ...stages].join(' ')),
  },
);

/** Mostly a valid value, sometimes any JSON value instead. */
const usually = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 5, arbitrary: valid }, { weight: 1, arbitrary: fc.jsonValue() });

/** Request bodies of the query API: mostly valid fields (so the DQL gets run), and random text. */
const queryBody = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record(
        {
          query: usually(dql),
          requestTimeoutMilliseconds: usually(fc.integer({ min: 0, max: 50 })),
          maxResultRecords: usually(fc.integer({ min: 1, max: 5 })),
          timezone: usually(fc.constantFrom('UTC', 'Europe/Vienna')),
          cursorPosition: usually(fc.integer({ min: 0, max: 80 })),
        },
        { requiredKeys: ['query'] },
      )
      .map((r) => JSON.stringify(r)),
  },
  { weight: 1, arbitrary: fc.json() },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
);

/** A sent request's answer: a status below 500 and a body that is empty or JSON. */
async function expectHandled(response: Response): Promise<void> {
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  if (text !== '') expect(() => JSON.parse(text), text).not.toThrow();
}

describe('fuzzed requests', () => {
  it('ingest answers every body with 202, 400, 413 or 415', async () => {
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom(...CONTENT_TYPES),
        fc.boolean(),
        async (payload, contentType, platformPath) => {
          const response = await fetch(
            `${t.url}${platformPath ? '/platform/classic/environment-api/v2' : '/api/v2'}/bizevents/ingest`,
            {
              method: 'POST',
              headers: {
                'content-type': contentType,
                authorization: platformPath ? `Bearer ${token}` : `Api-Token ${DEV_API_TOKEN}`,
              },
              body: payload,
            },
          );
          expect([202, 400, 413, 415]).toContain(response.status);
          await expectHandled(response);
        },
      ),
      { numRuns: 300 * SCALE },
    );
  });

  it('the query API answers every request without a server error', async () => {
    const endpoints = ['query:execute', 'query:verify', 'query:parse', 'query:autocomplete'];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...endpoints), queryBody, async (endpoint, requestBody) => {
        const response = await fetch(`${t.url}${QUERY}/${endpoint}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: requestBody,
        });
        await expectHandled(response);
      }),
      { numRuns: 600 * SCALE },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('query:poll', 'query:cancel'),
        fc.string({ unit: 'binary', maxLength: 40 }),
        fc.string({ maxLength: 8 }),
        async (endpoint, requestTokenText, wait) => {
          const params = new URLSearchParams({
            'request-token': requestTokenText,
            'request-timeout-milliseconds': wait,
          });
          const response = await fetch(`${t.url}${QUERY}/${endpoint}?${params}`, {
            method: endpoint === 'query:poll' ? 'GET' : 'POST',
            headers: { authorization: `Bearer ${token}` },
          });
          await expectHandled(response);
        },
      ),
      { numRuns: 100 * SCALE },
    );
  });

  it('still ingests and answers exactly after the fuzzing', async () => {
    const marker = `after-fuzz-${Date.now()}`;
    const events = Array.from({ length: 3 }, (_, i) => ({ 'event.provider': marker, i }));
    const response = await fetch(`${t.url}/api/v2/bizevents/ingest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Api-Token ${DEV_API_TOKEN}` },
      body: JSON.stringify(events),
    });
    expect(response.status).toBe(202);
    const r = await query(
      t.url,
      token,
      `fetch bizevents | filter event.provider == "${marker}" | summarize n = count()`,
    );
    expect(r.result.records).toEqual([{ n: '3' }]);
  });
});
