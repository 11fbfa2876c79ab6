// Runs every case of test/golden/dql/*.golden through the analyzer and compares tree, types and
// diagnostics with the expectations (see test/support/dql-golden.ts for the format).
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGolden, renderCase, writeGolden } from '../../../support/dql-golden';

const DIR = join(import.meta.dirname, '../../../golden/dql');
const files = readdirSync(DIR).filter((f) => f.endsWith('.golden'));
const update = process.env.UPDATE_GOLDEN === '1';

describe('DQL golden files', () => {
  it('has at least 150 cases', () => {
    const total = files.reduce((n, f) => n + parseGolden(readFileSync(join(DIR, f), 'utf8')).length, 0);
    expect(total).toBeGreaterThanOrEqual(150);
  });

  for (const file of files) {
    const path = join(DIR, file);
    const cases = parseGolden(readFileSync(path, 'utf8'));
    if (update) writeFileSync(path, writeGolden(cases));
    describe(file, () => {
      for (const c of cases) {
        it(`${c.title} (line ${c.line})`, () => {
          expect(renderCase(c.title, c.query)).toBe(c.expected);
        });
      }
    });
  }
});
