import { describe, expect, it } from 'vitest';
import { BulkInputError } from '../../../../src-shared/ingest/bulk-input-error';
import { prepareRecord } from '../../../../src-shared/ingest/prepare-event';
import { stableEventId } from '../../../../src-shared/ingest/stable-id';

const at = { line: 10, column: 1 };
const ID = stableEventId('c55d0473-f1de-41fb-b13c-ea8680e5e91e', 255);

function error(text: string): BulkInputError {
  try {
    prepareRecord({ text, at }, ID);
  } catch (err) {
    if (err instanceof BulkInputError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('stableEventId', () => {
  it('is UUID-shaped, the same for the same job and index, and different per index', () => {
    expect(ID).toBe('c55d0473-f1de-41fb-b13c-0000000000ff');
    expect(stableEventId('c55d0473-f1de-41fb-b13c-ea8680e5e91e', 256)).not.toBe(ID);
  });
});

describe('prepareRecord', () => {
  it('adds the stable event.id to a plain event that has none, compacting the text', () => {
    const out = prepareRecord({ text: '{ "a" : [1, 2],\n "b": "x y" }', at }, ID);
    expect(out).toEqual({ text: `{"event.id":"${ID}","a":[1,2],"b":"x y"}`, kind: 'json', id: ID });
    expect(prepareRecord({ text: '{}', at }, ID).text).toBe(`{"event.id":"${ID}"}`);
  });

  it("keeps an event's own id, and adds `id` to a CloudEvent without one", () => {
    expect(prepareRecord({ text: '{"event.id":"mine","n":1}', at }, ID)).toMatchObject({ id: 'mine' });
    const ce = prepareRecord({ text: '{"specversion":"1.0","source":"s","type":"t"}', at }, ID);
    expect(ce.kind).toBe('cloudevent');
    expect(JSON.parse(ce.text)).toMatchObject({ id: ID, specversion: '1.0' });
  });

  it('positions bad JSON inside a multi-line record at its line and column in the file', () => {
    const err = error('{\n  "a": 1,\n  "b": tru\n}');
    expect(err.position).toEqual({ line: 12, column: 8 });
    expect(err.reason).toMatch(/^Not valid JSON/);
  });

  it('refuses non-objects, an empty id, 100k-deep nesting and mixed formats', () => {
    expect(error('[1]').reason).toContain('not a JSON object');
    expect(error('{"event.id":""}').reason).toContain('non-empty string');
    expect(error(`{"a":${'['.repeat(100_000)}`).reason).toContain('nested deeper');
    expect(() => prepareRecord({ text: '{"a":1}', at }, ID, 'cloudevent')).toThrow(/not a CloudEvent/);
  });
});
