/**
 * Golden files for the DQL language service (test/golden/dql/*.golden), in the style of
 * lezer-promql's test/expression.txt: each case is a `# title` line, the query, `==>`, and the
 * expected output — the tree as an s-expression, optionally the inferred types (`[types]` in the
 * title), then one line per diagnostic: code, severity, range, the text it covers, the fix.
 * `UPDATE_GOLDEN=1 npx vitest run --project unit golden` rewrites the expectations.
 */
import { analyze } from '../../src-shared/dql/analyzer';
import { printQuery } from '../../src-shared/dql/ast-print';

export interface GoldenCase {
  title: string;
  query: string;
  expected: string;
  /** 1-based line of the title, for failure messages. */
  line: number;
}

export function parseGolden(text: string): GoldenCase[] {
  const cases: GoldenCase[] = [];
  const chunks = text.split(/^(?=# )/m).filter((c) => c.trim());
  let line = 1;
  for (const chunk of chunks) {
    const [head, ...rest] = chunk.split('\n');
    const body = rest.join('\n');
    const arrow = body.search(/^==>$/m);
    if (!head?.startsWith('# ') || arrow < 0)
      throw new Error(`golden line ${line}: expected "# title" … "==>"`);
    cases.push({
      title: head.slice(2).trim(),
      query: body.slice(0, arrow).replace(/\n$/, ''),
      expected: body.slice(arrow + 4).trim(),
      line,
    });
    line += chunk.split('\n').length - 1;
  }
  return cases;
}

export function renderCase(title: string, query: string): string {
  const a = analyze(query);
  const lines = [printQuery(a.ast) || '(empty)'];
  if (title.includes('[types]')) {
    const last = a.ast.commands[a.ast.commands.length - 1];
    const types = (last?.params ?? []).map((p) => {
      const v = p.value.type === 'assign' ? p.value.value : p.value;
      const name = p.value.type === 'assign' ? p.value.target.name : p.type === 'named' ? p.name : '_';
      return `${name}=${a.types.get(v)?.join('|') ?? '?'}`;
    });
    lines.push(`types: ${types.join(' ')}`);
  }
  for (const d of a.diagnostics) {
    const fix = d.suggestion === undefined ? '' : ` fix:${JSON.stringify(d.suggestion)}`;
    lines.push(
      `${d.code} ${d.severity} ${d.start}-${d.end} ${JSON.stringify(query.slice(d.start, d.end))}${fix}`,
    );
  }
  return lines.join('\n');
}

export function writeGolden(cases: readonly GoldenCase[]): string {
  return cases.map((c) => `# ${c.title}\n${c.query}\n==>\n${renderCase(c.title, c.query)}\n`).join('\n');
}
