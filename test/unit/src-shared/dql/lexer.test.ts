import { describe, expect, it } from 'vitest';
import { lex } from '../../../../src-shared/dql/lexer';

const kinds = (text: string) => lex(text).tokens.map((t) => `${t.kind}:${t.text}`);

describe('lex', () => {
  it('tokenizes identifiers, dotted names, keywords (any case) and punctuation with spans', () => {
    const { tokens, diagnostics } = lex('fetch bizevents | filter event.type == "x" AND NOT b');
    expect(diagnostics).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.value, t.start, t.end])).toEqual([
      ['identifier', 'fetch', 0, 5],
      ['identifier', 'bizevents', 6, 15],
      ['punctuation', '|', 16, 17],
      ['identifier', 'filter', 18, 24],
      ['identifier', 'event.type', 25, 35],
      ['punctuation', '==', 36, 38],
      ['string', 'x', 39, 42],
      ['keyword', 'and', 43, 46],
      ['keyword', 'not', 47, 50],
      ['identifier', 'b', 51, 52],
      ['eof', '', 52, 52],
    ]);
  });

  it('distinguishes longs, hex, doubles, scientific and durations', () => {
    expect(kinds('42 0xFF 2.5 2.4e2 1e-3 5m 24h 7d 10ms')).toEqual([
      'long:42',
      'long:0xFF',
      'double:2.5',
      'double:2.4e2',
      'double:1e-3',
      'duration:5m',
      'duration:24h',
      'duration:7d',
      'duration:10ms',
      'eof:',
    ]);
  });

  it('decodes strings, triple-quoted strings and backtick identifiers', () => {
    const { tokens } = lex('"a\\"b\\n" """x "y" z""" `my field\\`s`');
    expect(tokens.slice(0, 3).map((t) => [t.kind, t.value])).toEqual([
      ['string', 'a"b\n'],
      ['string', 'x "y" z'],
      ['quotedIdentifier', 'my field`s'],
    ]);
  });

  it('emits comments as tokens', () => {
    expect(kinds('a // c1\n/* c2 */ b')).toEqual([
      'identifier:a',
      'lineComment:// c1',
      'blockComment:/* c2 */',
      'identifier:b',
      'eof:',
    ]);
  });

  it('lexes variables and single-quoted strings (the parser rejects the latter)', () => {
    expect(kinds("$v 'x'")).toEqual(['variable:$v', "singleQuotedString:'x'", 'eof:']);
  });

  it('reports unterminated strings, comments, identifiers and unknown characters with positions', () => {
    expect(lex('"abc').diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([['DQL1003', 0, 4]]);
    expect(lex('a /* x').diagnostics.map((d) => [d.code, d.start, d.end])).toEqual([['DQL1004', 2, 6]]);
    expect(lex('`abc').diagnostics.map((d) => d.code)).toEqual(['DQL1005']);
    expect(lex('a # b').diagnostics.map((d) => [d.code, d.start, d.end, d.message])).toEqual([
      ['DQL1002', 2, 3, "The character `#` isn't allowed here."],
    ]);
  });
});
