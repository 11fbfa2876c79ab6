/**
 * The shareable ingestion-health report (Markdown or HTML): environment (name, URL, kind — never a
 * credential), app version, timings, findings and each panel's DQL. Every piece of text passes the
 * one redaction function, so a secret that ended up in a provider name or an error cannot leak.
 */
import { redact as defaultRedact } from '../auth/redact';
import type { CanaryRun, HealthReportFormat, HealthSnapshot } from '../ipc/domains/health';
import { formatBytes } from './sizes';

export interface ReportInput {
  snapshot: HealthSnapshot;
  canary: readonly CanaryRun[];
  environment: { name: string; url: string; kind: string; safety: string };
  app: { name: string; version: string; edition: string };
  generatedAt: string;
}

type Block =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'para'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'code'; text: string };

const ms = (v: number | null) => (v === null ? '—' : `${Math.round(v).toLocaleString('en-US')} ms`);
const n = (v: number) => v.toLocaleString('en-US');

function blocks(i: ReportInput): Block[] {
  const s = i.snapshot;
  const out: Block[] = [
    {
      kind: 'list',
      items: [
        `Environment: ${i.environment.name} (${i.environment.kind}, safety ${i.environment.safety})`,
        `URL: ${i.environment.url}`,
        `Timeframe: ${s.current.start} – ${s.current.end} (compared with ${s.previous.start} – ${s.previous.end})`,
        `Checked at: ${s.ranAt}, in ${ms(s.durationMs)}`,
        `Report generated: ${i.generatedAt} by ${i.app.name} ${i.app.version} (${i.app.edition})`,
      ],
    },
    { kind: 'heading', level: 2, text: 'Findings' },
    s.findings.length === 0
      ? { kind: 'para', text: 'No problems found.' }
      : {
          kind: 'list',
          items: s.findings.map((f) => `${f.severity.toUpperCase()}: ${f.title}. ${f.detail}`),
        },
  ];
  if (s.providers) {
    out.push({ kind: 'heading', level: 2, text: 'Providers' });
    out.push({
      kind: 'table',
      head: ['Provider', 'Events now', 'Events before', 'Last seen', 'Status'],
      rows: s.providers.map((p) => [
        p.provider,
        n(p.current),
        n(p.previous),
        p.lastSeen ?? '—',
        p.silent ? 'silent' : p.canary ? 'canary' : p.current > 0 ? 'active' : '—',
      ]),
    });
  }
  if (s.volume) {
    out.push({ kind: 'heading', level: 2, text: 'Events per provider and type' });
    out.push({
      kind: 'table',
      head: ['Provider', 'Type', 'Events'],
      rows: s.volume.series.map((v) => [v.provider, v.type, n(v.total)]),
    });
  }
  if (s.sizes) {
    out.push({ kind: 'heading', level: 2, text: 'Event sizes' });
    out.push({
      kind: 'para',
      text: `Newest ${n(s.sizes.sampled)} events, measured as the query API's JSON: median ${formatBytes(s.sizes.p50Bytes)}, p95 ${formatBytes(s.sizes.p95Bytes)}, max ${formatBytes(s.sizes.maxBytes)}.`,
    });
    out.push({
      kind: 'table',
      head: ['Size', 'Events'],
      rows: s.sizes.buckets.map((b) => [b.label, n(b.count)]),
    });
  }
  if (i.canary.length > 0) {
    out.push({ kind: 'heading', level: 2, text: 'Canary probe (time until queryable)' });
    out.push({
      kind: 'table',
      head: ['Started', 'Result', 'Send', 'Queryable after', 'Polls'],
      rows: i.canary.map((c) => [
        c.startedAt,
        c.state + (c.message ? ` (${c.message})` : ''),
        ms(c.sendMs),
        ms(c.queryableMs),
        n(c.polls),
      ]),
    });
  }
  out.push({ kind: 'heading', level: 2, text: 'Queries' });
  for (const p of s.panels) {
    out.push({ kind: 'heading', level: 3, text: p.title });
    out.push({
      kind: 'para',
      text: p.error
        ? `Failed after ${ms(p.durationMs)}: ${p.error.message}`
        : `${n(p.records)} records in ${ms(p.durationMs)}${p.truncated ? ' (limit reached)' : ''}.`,
    });
    out.push({ kind: 'code', text: p.query });
  }
  return out;
}

const mdCell = (t: string) => t.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

function markdown(title: string, bs: readonly Block[]): string {
  const parts = [`# ${title}`];
  for (const b of bs) {
    if (b.kind === 'heading') parts.push(`${'#'.repeat(b.level)} ${b.text}`);
    else if (b.kind === 'para') parts.push(b.text);
    else if (b.kind === 'list') parts.push(b.items.map((t) => `- ${t.replace(/\r?\n/g, ' ')}`).join('\n'));
    else if (b.kind === 'code') {
      const fence = '`'.repeat(Math.max(3, ...[...b.text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
      parts.push(`${fence}dql\n${b.text}\n${fence}`);
    } else
      parts.push(
        [
          `| ${b.head.map(mdCell).join(' | ')} |`,
          `| ${b.head.map(() => '---').join(' | ')} |`,
          ...b.rows.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
        ].join('\n'),
      );
  }
  return `${parts.join('\n\n')}\n`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function html(title: string, bs: readonly Block[]): string {
  const e = escapeHtml;
  const body = bs.map((b) => {
    if (b.kind === 'heading') return `<h${b.level}>${e(b.text)}</h${b.level}>`;
    if (b.kind === 'para') return `<p>${e(b.text)}</p>`;
    if (b.kind === 'list') return `<ul>${b.items.map((t) => `<li>${e(t)}</li>`).join('')}</ul>`;
    if (b.kind === 'code') return `<pre><code>${e(b.text)}</code></pre>`;
    return `<table><thead><tr>${b.head.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead><tbody>${b.rows
      .map((r) => `<tr>${r.map((c) => `<td>${e(c)}</td>`).join('')}</tr>`)
      .join('')}</tbody></table>`;
  });
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${e(title)}</title>`,
    '<style>body{font:14px system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}pre{background:#f4f4f4;padding:8px;overflow:auto}</style>',
    '</head><body>',
    `<h1>${e(title)}</h1>`,
    ...body,
    '</body></html>',
    '',
  ].join('\n');
}

/** Applies `redact` to every text of a block (before any escaping, so patterns still match). */
function redacted(b: Block, r: (t: string) => string): Block {
  switch (b.kind) {
    case 'list':
      return { ...b, items: b.items.map(r) };
    case 'table':
      return { ...b, head: b.head.map(r), rows: b.rows.map((row) => row.map(r)) };
    default:
      return { ...b, text: r(b.text) };
  }
}

export function renderHealthReport(
  input: ReportInput,
  format: HealthReportFormat,
  redact: (text: string) => string = defaultRedact,
): { fileName: string; mimeType: string; text: string } {
  // One argument only: Array#map would pass an index as redact()'s list of known secrets.
  const r = (text: string) => redact(text);
  const title = r(`Ingestion health — ${input.environment.name}`);
  const bs = blocks(input).map((b) => redacted(b, r));
  const stamp = input.generatedAt.replace(/[:.]/g, '-');
  return format === 'markdown'
    ? { fileName: `bizlens-health-${stamp}.md`, mimeType: 'text/markdown', text: markdown(title, bs) }
    : { fileName: `bizlens-health-${stamp}.html`, mimeType: 'text/html', text: html(title, bs) };
}
