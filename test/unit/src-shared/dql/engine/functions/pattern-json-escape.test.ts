// Edge cases of the pattern, JSON and escape functions that golden queries cannot reach easily:
// optional-only patterns (empty matches), escape round trips over every control character, and
// the JSON path grammar.
import { describe, expect, it } from 'vitest';
import { parseJsonPath } from '../../../../../../src-shared/dql/engine/functions/json';
import { findScalarFunction } from '../../../../../../src-shared/dql/engine/functions/registry';
import { unavailableFunction } from '../../../../../../src-shared/dql/engine/functions/unavailable';
import type { Value } from '../../../../../../src-shared/grail/values';

const call = (name: string, ...args: (Value | undefined)[]): Value => {
  const f = findScalarFunction(name);
  if (!f) throw new Error(`no ${name}`);
  return f.fn(args, { nowNs: 0n });
};

describe('DPL pattern functions', () => {
  it('end on a pattern that can match the empty string', () => {
    expect(call('replacePattern', 'ab1c', 'INT?', '#')).toBe('#a#b##c#');
    expect(call('splitByPattern', 'ab1c', 'INT?')).toEqual(['ab', 'c']);
    expect(call('parseAll', 'ab1c', 'INT?:n')).toEqual([1n]);
  });

  it('give null for patterns outside the subset and for non-strings', () => {
    expect(call('replacePattern', 'a', "('a'|'b')", 'x')).toBeNull();
    expect(call('splitByPattern', 5n, 'INT')).toBeNull();
    expect(call('parse', 'a', 'INT:n INT:n')).toBeNull();
  });

  it('answer the same for a pattern used many times (compiled once, global state reset)', () => {
    for (let i = 0; i < 3; i++) expect(call('replacePattern', 'x1y22', 'INT', '-')).toBe('x-y-');
    expect(call('matchesPattern', '42', 'INT')).toBe(true);
    expect(call('matchesPattern', '42a', 'INT')).toBe(false);
  });

  it('parse a long too large for 64 bits as null', () => {
    expect(call('parse', '99999999999999999999', 'INT:n')).toBeNull();
  });
});

describe('escape and unescape', () => {
  it('round-trip every control character, quotes and backslashes', () => {
    const text = Array.from({ length: 0x80 }, (_, i) => String.fromCharCode(i)).join('') + 'é😀';
    const escaped = call('escape', text);
    expect(typeof escaped).toBe('string');
    expect([...(escaped as string)].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true);
    expect(call('unescape', escaped)).toBe(text);
  });

  it('read octal escapes as Java does', () => {
    expect(call('unescape', '\\101\\7')).toBe('A\u0007');
  });

  it('decode astral numeric references and keep unknown entities', () => {
    expect(call('unescapeHtml', '&#128512;&#x1F600;&unknown;&#99999999;')).toBe('😀😀&unknown;&#99999999;');
  });
});

describe('JSON paths', () => {
  it('accept dotted, bracketed and quoted steps with or without $', () => {
    expect(parseJsonPath('$.a.b[2]')).toEqual(['a', 'b', 2]);
    expect(parseJsonPath('a.b')).toEqual(['a', 'b']);
    expect(parseJsonPath('$[\'x.y\']["q\\"r"]')).toEqual(['x.y', 'q"r']);
    expect(parseJsonPath('$')).toEqual([]);
  });

  it('reject wildcards, filters and unbalanced brackets', () => {
    expect(parseJsonPath('$.a[*]')).toBeUndefined();
    expect(parseJsonPath('$..a')).toBeUndefined();
    expect(parseJsonPath('$.a[0')).toBeUndefined();
  });

  it('take the last of duplicate keys and do not seek without seek', () => {
    expect(call('jsonField', '{"a":1,"a":2}', 'a')).toBe(2n);
    expect(call('jsonPath', 'x {"a":{"b":[true]}} y', '$.a.b[0]', true)).toBe(true);
    expect(call('jsonPath', 'x {"a":1} y', '$.a', false)).toBeNull();
    expect(call('jsonPath', '{"a":1}', '$[*]')).toBeNull();
  });
});

describe('functions the sandbox cannot offer', () => {
  it('name what they read, whatever the spelling', () => {
    expect(unavailableFunction('TOIP')).toMatch(/IP/);
    expect(unavailableFunction('uid128')).toMatch(/UID/);
    expect(unavailableFunction('upper')).toBeUndefined();
  });
});
