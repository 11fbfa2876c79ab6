// Runs every golden evaluation case (test/golden/dql/eval, format in eval-golden.ts) through the
// pure evaluator and through the planner with pushdown, over the in-memory reference source: both
// must give the expected result. UPDATE_EVAL_GOLDEN=1 rewrites expectations — review the diff.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR, loadCases, loadDataset, renderOutcome, rewriteFile } from './eval-golden';
import type { EvalCase } from './eval-golden';
import { MemorySource } from './memory-source';

const cases = loadCases();
const byFile = new Map<string, EvalCase[]>();
for (const c of cases) byFile.set(c.file, [...(byFile.get(c.file) ?? []), c]);

describe('golden evaluation cases', () => {
  it('has at least 60 cases, with unique titles per file', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const [file, list] of byFile) expect(new Set(list.map((c) => c.title)).size, file).toBe(list.length);
  });

  if (process.env.UPDATE_EVAL_GOLDEN === '1') {
    it('rewrites the expectations', async () => {
      for (const [file, list] of byFile) {
        const rendered = new Map<string, string>();
        for (const c of list)
          rendered.set(c.title, await renderOutcome(c, new MemorySource(loadDataset(c.dataset)), false));
        const path = join(GOLDEN_DIR, file);
        writeFileSync(path, rewriteFile(readFileSync(path, 'utf8'), rendered));
      }
    });
    return;
  }

  for (const [file, list] of byFile) {
    describe(file, () => {
      for (const c of list) {
        it(`${c.title} (line ${c.line})`, async () => {
          const rows = loadDataset(c.dataset);
          const pure = await renderOutcome(c, new MemorySource(rows), false);
          expect(pure, c.query).toBe(c.expected);
          expect(await renderOutcome(c, new MemorySource(rows), true), 'with pushdown').toBe(pure);
        });
      }
    });
  }
});
