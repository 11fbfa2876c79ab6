// The DPL subset compiler behind `parse`: what each matcher takes and where a rejected pattern is
// reported (offsets into the pattern text, which parse.ts maps onto the query).
import { describe, expect, it } from 'vitest';
import { compileDpl } from '../../../../../../src-shared/dql/engine/commands/dpl-pattern';

function run(pattern: string, text: string): Record<string, string | undefined> | null {
  const c = compileDpl(pattern);
  if (!c.ok) throw new Error(c.message);
  const m = c.pattern.regex.exec(text);
  if (!m) return null;
  return Object.fromEntries(c.pattern.exports.map((x) => [x.name, m.groups?.[x.group]]));
}

describe('compileDpl', () => {
  it('exports typed items in pattern order', () => {
    const c = compileDpl("IPADDR:ip ' ' INT:n ' ' DOUBLE:d ' ' WORD:w");
    expect(c.ok && c.pattern.exports.map((x) => `${x.name}:${x.type}`)).toEqual([
      'ip:string',
      'n:long',
      'd:double',
      'w:string',
    ]);
    expect(run("IPADDR:ip ' ' INT:n ' ' DOUBLE:d ' ' WORD:w", '192.168.0.1 -4 2.5e3 ok!')).toEqual({
      ip: '192.168.0.1',
      n: '-4',
      d: '2.5e3',
      w: 'ok',
    });
  });

  it('lets LD take as little as needed, and the rest of the line when last', () => {
    expect(run("LD:a '=' LD:b", 'x=y=z\nnext')).toEqual({ a: 'x', b: 'y=z' });
    expect(run("LD:a '='", '=y')).toBeNull(); // LD needs at least one character
    expect(run("DATA:a 'END'", 'one\ntwo END')).toEqual({ a: 'one\ntwo ' });
    // LD stops at the first place the next item matches and never extends past it
    expect(run("LD:a ':' INT:n", 'a:b:5')).toBeNull();
    expect(run("LD:a ':' INT:n", 'ab:5:6')).toEqual({ a: 'ab', n: '5' });
  });

  it('keeps other matchers atomic', () => {
    expect(run('INT:a INT:b', '123')).toBeNull();
    expect(run("IPADDR:ip ' '", '1.2.3.45 ')).toEqual({ ip: '1.2.3.45' });
    expect(run('IPADDR:ip', '1.2.3.256')).toBeNull();
  });

  it('matches IPv6 addresses whole, in every compressed form', () => {
    for (const ip of [
      '1:2:3:4:5:6:7:8',
      '::',
      '::1',
      'fe80::',
      'a:b::c:d',
      '1:2:3:4:5:6:7::',
      '::ffff:1.2.3.4',
    ])
      expect(run("IPV6:ip ';'", `${ip};`)).toEqual({ ip });
    expect(run("IPV6:ip ';'", '1:2:3:4:5:6:7:8:9;')).toBeNull();
    expect(run("IPV6:ip ';'", '1::2::3;')).toBeNull();
  });

  it('treats regex characters in literals literally and honours escapes', () => {
    expect(run("'a.b' '\\'' INT:n", "a.b'7")).toEqual({ n: '7' });
    expect(run("'a.b' INT:n", 'axb7')).toBeNull();
  });

  it('makes items optional with ?', () => {
    expect(run("WORD:w ' '? INT?:n", 'ab')).toEqual({ w: 'ab', n: undefined });
    expect(run("WORD:w ' '? INT?:n", 'ab 3')).toEqual({ w: 'ab', n: '3' });
  });

  it.each([
    ['LD:a UPPER:t', 5, 10, 'unsupported', 'the DPL matcher `UPPER`'],
    ["TIMESTAMP('yyyy QQ')", 9, 20, 'unsupported', 'the date pattern letter `Q`'],
    ["TIMESTAMP('yyyy'", 10, 11, 'invalid', 'a malformed matcher configuration'],
    ["TIMESTAMP(zone='UTC')", 10, 21, 'invalid', 'the configuration `zone`'],
    ['INT(min=1):n', 3, 4, 'unsupported', 'configuration of the DPL matcher `INT`'],
    ['INT{2}', 3, 4, 'unsupported', 'DPL quantifiers other than `?`'],
    ["WORD ':'+", 8, 9, 'unsupported', 'DPL quantifiers other than `?`'],
    ['(INT | WORD)', 0, 1, 'unsupported', '`(` in a DPL pattern'],
    ["INT:n 'abc", 6, 10, 'invalid', 'an unterminated DPL string'],
    ["INT:n ' ' INT:n", 14, 15, 'invalid', 'the field `n` exported twice'],
    ["'a\\q'", 2, 4, 'invalid', 'an unknown escape sequence in a DPL string'],
    ["''", 0, 2, 'invalid', 'an empty DPL string'],
    ['INT:', 3, 4, 'invalid', 'no field name after `:`'],
    ['INT % WORD', 4, 5, 'invalid', '`%` in a DPL pattern'],
    ['  // only a comment', 0, 19, 'invalid', 'an empty DPL pattern'],
  ])('rejects %j at %i-%i (%s)', (pattern, start, end, kind, message) => {
    expect(compileDpl(pattern)).toEqual({ ok: false, kind, start, end, message });
  });
});
