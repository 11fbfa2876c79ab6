/**
 * The results table alone in a page, fed a generated result, for `npm run bench` (driven from
 * bench/results-render.ts through Playwright). It renders the real ResultsTable component.
 */
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import type { QueryResult, ResultRecord } from '../../src-shared/grail/wire';
import {
  appendInSlices,
  APPEND_SLICE,
  RecordTable,
  type TableResult,
} from '../../src-shared/results/record-table';
import { ResultsTable } from '../../src-renderer/features/results/ResultsTable';
import '../../src-renderer/styles.css';
import type { BenchGlobal, ResultsBenchApi } from './api';

const TYPES: QueryResult['types'] = [
  {
    mappings: {
      timestamp: { type: 'timestamp' },
      'event.type': { type: 'string' },
      'event.provider': { type: 'string' },
      'event.id': { type: 'string' },
      total: { type: 'long' },
      price: { type: 'double' },
      ok: { type: 'boolean' },
      took: { type: 'duration' },
      customer: { type: 'string' },
      items: { type: 'array' },
      tier: { type: 'long' },
      note: { type: 'string' },
    },
  },
];

/** Deterministic pseudo-random numbers so every run draws the same data. */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Types of the extra columns of a wide result (c12 … c299), cycled. */
const EXTRA_TYPES = ['string', 'long', 'double', 'boolean', 'timestamp'] as const;

/** A result with `columns` columns: the 12 mixed-type ones, then generated ones up to the count. */
function typesFor(columns: number): QueryResult['types'] {
  if (columns <= 12) return TYPES;
  const mappings = { ...TYPES[0]!.mappings };
  for (let c = 12; c < columns; c++) mappings[`c${c}`] = { type: EXTRA_TYPES[c % EXTRA_TYPES.length]! };
  return [{ mappings }];
}

function widen(records: ResultRecord[], columns: number): void {
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    for (let c = 12; c < columns; c++) {
      const kind = EXTRA_TYPES[c % EXTRA_TYPES.length];
      record[`c${c}`] =
        kind === 'string'
          ? `v${(i * 31 + c) % 977}`
          : kind === 'long'
            ? String(i * c)
            : kind === 'double'
              ? (i % 1000) / 8 + c
              : kind === 'boolean'
                ? (i + c) % 2 === 0
                : new Date(Date.UTC(2026, 0, 1) + i * 1000 + c).toISOString();
    }
  }
}

function generate(n: number): ResultRecord[] {
  const rnd = lcg(42);
  const t0 = Date.UTC(2026, 0, 1);
  const records: ResultRecord[] = new Array(n);
  for (let i = 0; i < n; i++) {
    records[i] = {
      timestamp: `${new Date(t0 + i * 1000).toISOString().slice(0, 19)}.${String(i % 1e9).padStart(9, '0')}Z`,
      'event.type': `order.${['placed', 'paid', 'shipped', 'cancelled'][i % 4]}`,
      'event.provider': `shop.${i % 17}`,
      'event.id': `${(rnd() * 2 ** 32).toString(16)}-${i}`,
      total: String(Math.floor(rnd() * 1e6)),
      price: Math.round(rnd() * 1e5) / 100,
      ok: rnd() > 0.1,
      took: String(Math.floor(rnd() * 5e9)),
      customer: `{"id":${i % 5000},"tier":"${['gold', 'silver', 'bronze'][i % 3]}"}`,
      items: [`PR-${i % 97}`, `QZ-${i % 13}`],
      tier: String(i % 3),
      note: i % 7 === 0 ? null : `note ${i % 1000}`,
    };
  }
  return records;
}

const root = createRoot(document.getElementById('root')!);
let result: TableResult | undefined;
/** The records as objects (what arrives from main), until show() hands the table over. */
let wire: ResultRecord[] = [];
let text = '';
/** Records kept alive beside the shown result (prepare's `held`), never given to the table. */
let heldRecords: ResultRecord[] = [];

const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/** Resolves after the browser painted what is committed now (a frame, then a task after it). */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

function rows(): NodeListOf<HTMLTableRowElement> {
  return document.querySelectorAll('table[aria-label="Query results"] tbody tr');
}

const api: ResultsBenchApi = {
  prepare(n, columns = 12, held = 0) {
    const all = generate(n + held);
    const records = held > 0 ? all.slice(0, n) : all;
    // The held ones stay in the page (the heap of n + held records, the grid of n). Serializing
    // flattens their strings as the shown records' wire text does, so their heap is a result's.
    heldRecords = held > 0 ? all.slice(n) : [];
    if (held > 0) JSON.stringify(heldRecords);
    widen(records, columns);
    const types = typesFor(columns);
    // Wide results are only drawn and scrolled; their wire text would pass V8's string limit.
    text =
      columns > 12
        ? ''
        : JSON.stringify({
            ok: true,
            value: { state: 'SUCCEEDED', result: { records, types, metadata: {} } },
          });
    // The renderer holds a result by column (useQueryRun converts what arrives).
    wire = records;
    result = { records: RecordTable.from(records), types, metadata: {} };
    return { jsonBytes: text.length };
  },
  parseWhole() {
    const t0 = performance.now();
    JSON.parse(text);
    return performance.now() - t0;
  },
  async parsePaged(pageSize) {
    // Pages as main would send them: their own JSON messages, each parsed in its own task.
    const records = wire;
    const pages: string[] = [];
    // As main sends them (services/result-pages.ts): a first page of 20,000, then `pageSize`.
    pages.push(JSON.stringify(records.slice(0, 20_000)));
    for (let i = 20_000; i < records.length; i += pageSize)
      pages.push(JSON.stringify(records.slice(i, i + pageSize)));
    let total = 0;
    let longest = 0;
    // Each block is what the renderer does in one task (useQueryRun): parse a page and convert it
    // into the table, a later page's slices after the first one in their own tasks.
    let table: RecordTable | undefined;
    let t0 = 0;
    const block = () => {
      const ms = performance.now() - t0;
      total += ms;
      longest = Math.max(longest, ms);
    };
    for (const page of pages) {
      await new Promise((r) => setTimeout(r, 0));
      t0 = performance.now();
      const parsed = JSON.parse(page) as ResultRecord[];
      if (table) {
        table = await appendInSlices(table, parsed, APPEND_SLICE, async () => {
          block();
          await new Promise((r) => setTimeout(r, 0));
          t0 = performance.now();
        });
      } else table = RecordTable.from(parsed, records.length);
      block();
    }
    return { totalMs: total, longestMs: longest };
  },
  async show() {
    text = '';
    wire = [];
    const t0 = performance.now();
    flushSync(() => root.render(<ResultsTable result={result} busy={false} />));
    await afterPaint();
    if (rows().length === 0) throw new Error('no rows painted');
    return performance.now() - t0;
  },
  async scroll(frames, step, axis = 'y') {
    const scroller = document.querySelector<HTMLElement>('[role="region"][aria-label="Results"]')!;
    // A capture listener on the target runs before the grid's own scroll listener (virtualizer →
    // synchronous React commit); a bubble listener added now runs after it and forces layout.
    // Their difference is the frame's main-thread work for the scroll, paint excluded.
    let start = 0;
    const work: number[] = [];
    const script: number[] = [];
    const intervals: number[] = [];
    const before = () => (start = performance.now());
    const after = () => {
      const committed = performance.now();
      void document.body.offsetHeight;
      const end = performance.now();
      work.push(end - start);
      script.push(committed - start);
    };
    // Every run starts at the top left, so repeated runs scroll the same stretch.
    scroller.scrollTop = 0;
    scroller.scrollLeft = 0;
    await afterPaint();
    scroller.addEventListener('scroll', before, { capture: true });
    scroller.addEventListener('scroll', after);
    let last = await nextFrame();
    for (let i = 0; i < frames; i++) {
      if (axis === 'y') scroller.scrollTop += step;
      else scroller.scrollLeft += step;
      const now = await nextFrame();
      intervals.push(now - last);
      last = now;
    }
    scroller.removeEventListener('scroll', before, { capture: true });
    scroller.removeEventListener('scroll', after);
    return { work, script, intervals };
  },
  async sort(column) {
    const first = rows()[0]?.textContent;
    const button = [...document.querySelectorAll<HTMLButtonElement>('th button')].find(
      (b) => b.querySelector('.th-label')?.textContent === column,
    );
    if (!button) throw new Error(`no column ${column}`);
    const scroller = document.querySelector<HTMLElement>('[role="region"][aria-label="Results"]')!;
    scroller.scrollTop = 0;
    await afterPaint();
    const t0 = performance.now();
    button.click();
    while (rows()[0]?.textContent === first) await nextFrame();
    await afterPaint();
    return performance.now() - t0;
  },
  async find(text) {
    const input = document.querySelector<HTMLInputElement>('input[aria-label="Find in results"]')!;
    const status = () =>
      document.querySelector('[role="status"][aria-label="Find matches"]')?.textContent ?? '';
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    let longest = 0;
    let last = performance.now();
    let first = -1;
    const t0 = performance.now();
    setValue.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // Done when the line names the matches without "searching" (the same words before and after).
    for (;;) {
      const now = await nextFrame();
      longest = Math.max(longest, now - last);
      last = now;
      const line = status();
      if (first < 0 && /^[1-9]/.test(line)) first = performance.now() - t0;
      if (text ? line !== '' && !line.includes('searching') : line === '') break;
    }
    const doneMs = performance.now() - t0;
    return { firstMs: first < 0 ? doneMs : first, doneMs, longestFrameMs: longest, status: status() };
  },
  setStyle(css) {
    let style = document.getElementById('bench-variant');
    if (!style) {
      style = document.createElement('style');
      style.id = 'bench-variant';
      document.head.append(style);
    }
    style.textContent = css;
  },
  async showStatic(rowCount) {
    // The same markup and stylesheet as the grid, written once as static HTML: scrolling it costs
    // only the browser's own style, layout, paint and raster (no script, no DOM changes).
    flushSync(() => root.render(<></>));
    const records = Array.from({ length: Math.min(rowCount, result!.records.length) }, (_, i) =>
      result!.records.record(i),
    ).filter((r) => r !== null);
    const names = Object.keys(records[0] ?? {});
    const esc = (v: unknown) =>
      (typeof v === 'string' ? v : JSON.stringify(v)).replace(/[&<]/g, (c) => (c === '&' ? '&amp;' : '&lt;'));
    const body = records
      .map(
        (r, i) =>
          `<tr role="row" class="${i % 2 ? 'odd' : ''}">${names.map((n) => `<td role="cell" style="width:140px">${esc(r[n])}</td>`).join('')}</tr>`,
      )
      .join('');
    const host = document.createElement('div');
    host.id = 'static-baseline';
    host.style.cssText = 'display:flex;flex:1 1 auto;min-height:0';
    host.innerHTML = `<div class="results-scroll" role="region" aria-label="Results"><table class="results-table" aria-label="Query results" style="width:${names.length * 140}px"><tbody class="results-rows">${body}</tbody></table></div>`;
    document.getElementById('root')!.append(host);
    await afterPaint();
  },
  hideStatic() {
    document.getElementById('static-baseline')?.remove();
  },
  clear() {
    document.getElementById('static-baseline')?.remove();
    root.render(<></>);
    result = undefined;
    wire = [];
    text = '';
    heldRecords = [];
  },
};

(globalThis as unknown as BenchGlobal).resultsBench = api;
