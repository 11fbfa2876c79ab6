/**
 * The DQL language service on a 200-line query: lexing alone (the floor), parsing, parse+analyze
 * (what each keystroke's markers cost), completion and hover — medians, side by side.
 */
import { analyze } from '../src-shared/dql/analyzer';
import { complete } from '../src-shared/dql/completion';
import { formatDocument } from '../src-shared/dql/format-document';
import { hoverAt } from '../src-shared/dql/hover';
import { lex } from '../src-shared/dql/lexer';
import { parse } from '../src-shared/dql/parser';

/** A realistic long query: filters, computed fields, calls with named arguments, a summary. */
export function longQuery(lines = 200): string {
  const out = ['fetch bizevents, from: now() - 24h'];
  for (let i = 1; out.length < lines - 2; i++) {
    out.push(
      i % 3 === 0
        ? `| filter contains(event.type, "order.${i}", caseSensitive: false) or event.provider == "shop-${i}"`
        : `| fieldsAdd f${i} = if(isNotNull(event.id), stringLength(event.id) * ${i} + 1.5, else: 0), t${i} = now()@h - ${i}m`,
    );
  }
  out.push(
    '| summarize orders = count(), latest = max(timestamp), by: {event.type, hour = bin(timestamp, 1h)}',
  );
  out.push('| sort orders desc | limit 100');
  return out.join('\n');
}

interface Stat {
  name: string;
  median: number;
  max: number;
  /** Median CPU time of this thread: on a busy machine wall time also counts waiting for a core. */
  cpu: number;
}

function median(name: string, n: number, fn: () => unknown): Stat {
  for (let i = 0; i < 20; i++) fn();
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < n; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const mid = Math.floor(n / 2);
  return { name, median: times[mid] ?? 0, max: times[n - 1] ?? 0, cpu: cpu[mid] ?? 0 };
}

export async function dqlLanguageService(): Promise<void> {
  const text = longQuery();
  const n = 200;
  const analysis = analyze(text);
  const cursor = text.indexOf('| summarize') + '| summarize orders = c'.length;
  const rows = [
    median('lex (baseline)', n, () => lex(text)),
    median('parse', n, () => parse(text)),
    median('parse + analyze (markers; goal < 2 ms)', n, () => analyze(text)),
    median('analyze + complete (goal < 20 ms)', n, () => complete(analyze(text), cursor)),
    median('complete on a cached analysis', n, () => complete(analysis, cursor)),
    median('hover on a cached analysis', n, () => hoverAt(analysis, cursor)),
    median('format document', n, () => formatDocument(text)),
  ];
  const base = rows[0]?.median ?? 1;
  console.log(
    `\nDQL language service: ${text.split('\n').length}-line query (${(text.length / 1024).toFixed(1)} KiB), median of ${n}`,
  );
  for (const r of rows) {
    console.log(
      `  ${r.name.padEnd(44)} ${r.median.toFixed(3).padStart(8)} ms   cpu ${r.cpu.toFixed(3).padStart(7)} ms   max ${r.max.toFixed(2).padStart(6)} ms   ${(r.median / base).toFixed(1).padStart(6)}× lex`,
    );
  }
}
