/**
 * Golden evaluation cases (test/golden/dql/eval/*.golden): a dataset, a query, and the expected
 * result as the Query API would send it — one wire record per line (long/duration as strings,
 * timestamps RFC 3339 in UTC), then the `types` buckets — or the error's type and span (`failed …`
 * with the message for a query that fails while it runs, e.g. `failIf`).
 *
 *   @dataset orders            (file header: datasets/orders.json; `@max 5` caps the result;
 *                               `@timezone Europe/Vienna` sets the request timezone)
 *   # a title
 *   fetch bizevents | summarize count()
 *   ==>
 *   {"count()":"10"}
 *   types [0-0] count():long
 *
 * Datasets are JSON arrays of records: integers are longs, other numbers doubles, objects records;
 * `timestamp` strings and `{"$timestamp": "…"}` are timestamps, `{"$duration": ns}` durations,
 * `{"$double": "NaN"}` (or "-Infinity") doubles JSON cannot write.
 * Used by the unit runner (in-memory source) and the DuckDB differential test.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { prepareQuery, runPrepared } from '../../../../../src-shared/dql/engine';
import type { DataSource, ScanPushdown } from '../../../../../src-shared/dql/engine';
import { parseJsonDocument } from '../../../../../src-shared/grail/json-document';
import type { JsonNode } from '../../../../../src-shared/grail/json-document';
import { buildTypes, toWireRow } from '../../../../../src-shared/grail/serialize';
import { jsonNodeToValue } from '../../../../../src-shared/grail/json-value';
import { parseRfc3339, resolveTimezone } from '../../../../../src-shared/grail/timestamp';
import { durationValue, timestampValue } from '../../../../../src-shared/grail/values';
import type { Row, Value } from '../../../../../src-shared/grail/values';
import type { FieldType } from '../../../../../src-shared/grail/wire';

export const GOLDEN_DIR = join(import.meta.dirname, '../../../../golden/dql/eval');
/** now() of every golden query. */
export const GOLDEN_NOW = parseRfc3339('2024-05-01T12:00:00Z') as bigint;

export interface EvalCase {
  readonly file: string;
  readonly title: string;
  readonly query: string;
  readonly expected: string;
  readonly dataset: string;
  readonly maxResultRecords: number;
  /** `@timezone Europe/Vienna`: the request timezone (results are still rendered in UTC). */
  readonly timezone: string | undefined;
  readonly line: number;
}

export function loadCases(): EvalCase[] {
  return readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith('.golden'))
    .sort()
    .flatMap((f) => parseCases(f, readFileSync(join(GOLDEN_DIR, f), 'utf8')));
}

/** The `@` header lines, then one chunk per `# title` case. */
function split(text: string): { header: string; chunks: string[] } {
  const parts = text.split(/^(?=# )/m);
  const header = parts[0]?.startsWith('# ') ? '' : (parts.shift() ?? '');
  return { header, chunks: parts };
}

function parseCases(file: string, text: string): EvalCase[] {
  const { header, chunks } = split(text);
  const dataset = /^@dataset (\S+)$/m.exec(header)?.[1] ?? 'empty';
  const maxResultRecords = Number(/^@max (\d+)$/m.exec(header)?.[1] ?? 1000);
  const timezone = /^@timezone (\S+)$/m.exec(header)?.[1];
  let line = header.split('\n').length - (header === '' ? 0 : 1) + 1;
  return chunks.map((chunk) => {
    const [head = '', ...rest] = chunk.split('\n');
    const body = rest.join('\n');
    const arrow = body.search(/^==>$/m);
    if (arrow < 0) throw new Error(`${file}:${line}: expected "==>"`);
    const c: EvalCase = {
      file,
      title: head.slice(2).trim(),
      query: body.slice(0, arrow).trim(),
      expected: body.slice(arrow + 4).trim(),
      dataset,
      maxResultRecords,
      timezone,
      line,
    };
    line += chunk.split('\n').length - 1;
    return c;
  });
}

const datasets = new Map<string, Row[]>();

/** A dataset's records in storage order (each with a `timestamp`). */
export function loadDataset(name: string): Row[] {
  const cached = datasets.get(name);
  if (cached) return cached;
  const rows =
    name === 'empty' ? [] : parseDataset(readFileSync(join(GOLDEN_DIR, 'datasets', `${name}.json`), 'utf8'));
  datasets.set(name, rows);
  return rows;
}

function parseDataset(text: string): Row[] {
  const doc = parseJsonDocument(text, 64);
  if (!doc.ok || doc.root.kind !== 'array') throw new Error('a dataset is a JSON array');
  return doc.root.items.map((item) => {
    if (item.kind !== 'object') throw new Error('dataset records are objects');
    const row = new Map<string, Value>();
    for (const m of item.members) {
      const v = toValue(m.value);
      row.set(m.key, m.key === 'timestamp' && typeof v === 'string' ? timestamp(v) : v);
    }
    if (!row.has('timestamp')) throw new Error('dataset records need a timestamp');
    return row;
  });
}

function timestamp(text: string): Value {
  const ns = parseRfc3339(text);
  if (ns === undefined) throw new Error(`bad timestamp ${text}`);
  return timestampValue(ns);
}

/** Test data tags typed values as one-member objects: {"$timestamp": "…"}, {"$duration": n}, {"$double": "NaN"}. */
function tagged(n: JsonNode): Value | undefined {
  if (n.kind !== 'object' || n.members.length !== 1) return undefined;
  const only = n.members[0]!;
  if (only.key === '$timestamp' && only.value.kind === 'string') return timestamp(only.value.value);
  if (only.key === '$duration' && only.value.kind === 'number')
    return durationValue(BigInt(only.value.lexeme));
  if (only.key === '$double' && only.value.kind === 'string') return Number(only.value.value);
  return undefined;
}

function toValue(n: JsonNode): Value {
  return jsonNodeToValue(n, tagged);
}

/** Runs a case against a source and renders the outcome in the golden format. */
export async function renderOutcome(c: EvalCase, source: DataSource, pushdown: boolean): Promise<string> {
  return (await runCase(c, source, pushdown)).rendered;
}

export interface CaseRun {
  readonly rendered: string;
  /** What was folded into storage (undefined: nothing, or the query failed to plan). */
  readonly pushdown: ScanPushdown | undefined;
  /** Metadata that must not depend on pushdown. */
  readonly stats: { scannedRecords: number; scannedBytes: number } | undefined;
}

export async function runCase(c: EvalCase, source: DataSource, pushdown: boolean): Promise<CaseRun> {
  const timezone = c.timezone === undefined ? undefined : resolveTimezone(c.timezone);
  if (c.timezone !== undefined && !timezone) throw new Error(`${c.file}: unknown timezone ${c.timezone}`);
  const zone = timezone ? { timezone } : {};
  const p = prepareQuery(c.query, { nowNs: GOLDEN_NOW, pushdown, ...zone });
  if (!p.ok)
    return {
      rendered: `error ${p.error.errorType} ${p.error.span.start}-${p.error.span.end}`,
      pushdown: undefined,
      stats: undefined,
    };
  const r = await runPrepared(p.prepared, {
    source,
    nowNs: GOLDEN_NOW,
    maxResultRecords: c.maxResultRecords,
    ...zone,
  });
  if (r.state === 'FAILED') {
    const { errorType, span, message } = r.error;
    const rendered = `failed ${errorType} ${span.start}-${span.end} ${JSON.stringify(message)}`;
    return { rendered, pushdown: undefined, stats: undefined };
  }
  if (r.state !== 'SUCCEEDED') return { rendered: `state ${r.state}`, pushdown: undefined, stats: undefined };
  return {
    rendered: render(r.records, r.notifications),
    pushdown: p.prepared.plan.pushdown,
    stats: { scannedRecords: r.scannedRecords, scannedBytes: r.scannedBytes },
  };
}

function render(records: readonly Row[], notifications: readonly { notificationType?: string }[]): string {
  const lines = records.map((row) => JSON.stringify(toWireRow(row)));
  if (lines.length === 0) lines.push('(no records)');
  for (const b of buildTypes(records)) {
    const [from, to] = b.indexRange ?? [0, 0];
    const fields = Object.entries(b.mappings).map(([k, t]) => `${k}:${typeText(t)}`);
    lines.push(`types [${from}-${to}]${fields.length ? ` ${fields.join(', ')}` : ''}`);
  }
  for (const n of notifications) lines.push(`notification ${n.notificationType ?? ''}`);
  return lines.join('\n');
}

/** `long`, `array<string>`, `array<long|string>`, `record{a:long}`. */
function typeText(t: FieldType): string {
  if (t.type === 'array') {
    const elements = new Set((t.types ?? []).flatMap((b) => Object.values(b.mappings).map(typeText)));
    return `array<${[...elements].join('|')}>`;
  }
  if (t.type === 'record') {
    const fields = (t.types ?? []).flatMap((b) =>
      Object.entries(b.mappings).map(([k, f]) => `${k}:${typeText(f)}`),
    );
    return `record{${fields.join(',')}}`;
  }
  return t.type;
}

/** The file text with every case's expectation replaced (UPDATE_EVAL_GOLDEN=1). */
export function rewriteFile(text: string, rendered: ReadonlyMap<string, string>): string {
  const { header, chunks } = split(text);
  return (
    header +
    chunks
      .map((chunk) => {
        const [head = '', ...rest] = chunk.split('\n');
        const body = rest.join('\n');
        const query = body.slice(0, body.search(/^==>$/m)).trim();
        const title = head.slice(2).trim();
        return `# ${title}\n${query}\n==>\n${rendered.get(title) ?? ''}\n`;
      })
      .join('\n')
  );
}
