import { describe, expect, it } from 'vitest';
import { looksLikeJsonText, parseJsonString } from '../../../../src-shared/results/json-string';
import { rowAsTsv, tsvField } from '../../../../src-shared/results/copy-text';

describe('parseJsonString', () => {
  it('recognises objects and arrays stored as text', () => {
    expect(parseJsonString('{"firstName":"John"}')).toEqual({ ok: true, value: { firstName: 'John' } });
    expect(parseJsonString('["a",1]')).toEqual({ ok: true, value: ['a', 1] });
  });
  it.each(['plain', '42', '"x"', '{broken', '{"a":1', '', 'null'])('rejects %j', (text) => {
    expect(parseJsonString(text).ok).toBe(false);
  });
});

describe('looksLikeJsonText', () => {
  it('guesses objects and arrays by their first and last characters only', () => {
    for (const text of ['{}', '[]', '{"a":1}', '["x"]', '{not json}'])
      expect(looksLikeJsonText(text)).toBe(true);
    for (const text of ['', '{', 'x', '{"a":1} ', '[1}', '42', '"s"'])
      expect(looksLikeJsonText(text)).toBe(false);
  });
});

describe('TSV copy', () => {
  it('escapes tabs and newlines and writes nested values as JSON', () => {
    expect(tsvField('a\tb\nc')).toBe('a b c');
    expect(tsvField({ a: 1 })).toBe('{"a":1}');
    expect(tsvField(null)).toBe('');
    expect(rowAsTsv({ a: 'x', b: 2 }, ['a', 'b'])).toBe('a\tb\nx\t2');
  });
});
