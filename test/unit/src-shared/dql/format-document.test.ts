import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDocument } from '../../../../src-shared/dql/format-document';
import { lex } from '../../../../src-shared/dql/lexer';
import { parseGolden } from '../../../support/dql-golden';

const DIR = join(import.meta.dirname, '../../../golden/dql');
const corpus = readdirSync(DIR)
  .filter((f) => f.endsWith('.golden'))
  .flatMap((f) => parseGolden(readFileSync(join(DIR, f), 'utf8')).map((c) => c.query));

/** Token texts with case folded: formatting may only change whitespace and letter case. */
const shape = (text: string) => lex(text).tokens.map((t) => `${t.kind}:${t.text.toLowerCase()}`);

describe('formatDocument', () => {
  it('puts each command on its own line with canonical names and spacing', () => {
    expect(
      formatDocument(
        'FETCH bizevents,from:now()-2h|filter event.type=="a" AND not(x>-1)|SUMMARIZE Count(),by:{event.type}|sort `count()` DESC',
      ),
    ).toBe(
      [
        'fetch bizevents, from: now() - 2h',
        '| filter event.type == "a" and not (x > -1)',
        '| summarize count(), by: {event.type}',
        '| sort `count()` desc',
        '',
      ].join('\n'),
    );
  });

  it('keeps comments, keeps sub-queries inline and aligns time with @ tightly', () => {
    expect(
      formatDocument(
        'fetch bizevents // all\n// skip\n| lookup [fetch logs|filter x==1], sourceField:a, lookupField:b /* c */ | fieldsAdd t=now()@h, y=@d, z=a[0], w=-x - -1',
      ),
    ).toBe(
      [
        'fetch bizevents // all',
        '  // skip',
        '| lookup [fetch logs | filter x == 1], sourceField: a, lookupField: b /* c */',
        '| fieldsAdd t = now()@h, y = @d, z = a[0], w = -x - -1',
        '',
      ].join('\n'),
    );
  });

  it('leaves text with syntax errors alone', () => {
    expect(formatDocument('fetch x | filter (')).toBeUndefined();
  });

  it('changes only whitespace and letter case, and is idempotent (golden corpus)', () => {
    let formatted = 0;
    fc.assert(
      fc.property(fc.constantFrom(...corpus), (q) => {
        const f = formatDocument(q);
        if (f === undefined) return true;
        formatted++;
        expect(shape(f)).toEqual(shape(q));
        expect(formatDocument(f)).toBe(f);
        return true;
      }),
      { numRuns: corpus.length * 2 },
    );
    expect(formatted).toBeGreaterThan(100);
  });
});
