/**
 * The results table in Chromium (Playwright) at 10,000, 100,000 and 1,000,000 records × 12
 * mixed-type columns: transport parse (whole vs paged), time to first rows painted, scroll frame
 * times, renderer heap and sort — side by side, with ratios to the 10,000-record run. The page
 * (bench/results-page) renders the real ResultsTable component with a generated result.
 * BENCH_RESULTS_FIND=1 adds "find in results" timings; BENCH_RESULTS_PROFILE=dir saves a CPU
 * profile and a Chrome trace of each scroll there and prints where the frame time went, garbage
 * collection included. A size "n+held" (BENCH_RESULTS_SIZES=100000,100000+900000,1000000) shows n
 * records with `held` more kept alive beside them: the heap of n + held with the grid of n, which
 * tells what grows with the records shown from what grows with the heap.
 */
import { createServer } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium, type CDPSession, type Page } from 'playwright-core';
import { build } from 'vite';
import type { BenchGlobal } from './results-page/api';

const SIZES = (process.env.BENCH_RESULTS_SIZES ?? '10000,100000,1000000')
  .split(',')
  .filter(Boolean)
  .map((size) => {
    const [n, held] = size.split('+').map(Number);
    return { n: n!, held: held ?? 0 };
  });
const PAGE_SIZE = 50_000;
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

interface Figures {
  n: number;
  held: number;
  jsonMb: number;
  parseWholeMs: number;
  pagedLongestMs: number;
  pagedTotalMs: number;
  firstPaintMs: number;
  heapMb: number;
  scrollP50: number;
  scrollP95: number;
  frameP95: number;
  sortMs: number;
  finds: { text: string; firstMs: number; doneMs: number; longestFrameMs: number; status: string }[];
}

/** "100,000", or "100,000 +900,000 held" for a size with records held beside the result. */
function label(r: Pick<Figures, 'n' | 'held'>): string {
  const n = r.n.toLocaleString('en-US');
  return r.held ? `${n} +${r.held.toLocaleString('en-US')} held` : n;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function servePage(dir: string) {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(
      /^\/+/,
      '',
    );
    const file = join(dir, path === '' ? 'index.html' : path);
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    readFile(file).then(
      (body) =>
        res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(r)) };
}

async function measure(page: Page, n: number, held: number): Promise<Figures> {
  // Each callback runs in the page (serialized by Playwright), so it names the page's api itself.
  const { jsonBytes } = await page.evaluate(
    ([size, extra]) => (globalThis as unknown as BenchGlobal).resultsBench.prepare(size, 12, extra),
    [n, held] as const,
  );
  const parseWholeMs = await page.evaluate(
    () => (globalThis as unknown as BenchGlobal).resultsBench.parseWhole(),
    0,
  );
  const paged = await page.evaluate(
    (size) => (globalThis as unknown as BenchGlobal).resultsBench.parsePaged(size),
    PAGE_SIZE,
  );
  const firstPaintMs = await page.evaluate(
    () => (globalThis as unknown as BenchGlobal).resultsBench.show(),
    0,
  );
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  const profiling = await startProfile(page, cdp);
  const frames = await page.evaluate(
    ([frames, step]) => (globalThis as unknown as BenchGlobal).resultsBench.scroll(frames, step),
    [120, Number(process.env.BENCH_SCROLL_STEP ?? 480)] as const,
  );
  if (profiling) await stopProfile(page, cdp, `scroll-${n}${held ? `+${held}` : ''}`);
  const sortMs = await page.evaluate(
    (column) => (globalThis as unknown as BenchGlobal).resultsBench.sort(column),
    'total',
  );
  // Find in results (BENCH_RESULTS_FIND=1): a text in a third of the rows, and one in none.
  const finds: Figures['finds'] = [];
  for (const text of process.env.BENCH_RESULTS_FIND === '1' ? ['gold', 'zzz'] : []) {
    await page.evaluate(() => (globalThis as unknown as BenchGlobal).resultsBench.find(''), 0);
    finds.push({
      text,
      ...(await page.evaluate((t) => (globalThis as unknown as BenchGlobal).resultsBench.find(t), text)),
    });
  }
  await page.evaluate(() => (globalThis as unknown as BenchGlobal).resultsBench.clear(), 0);
  return {
    finds,
    n,
    held,
    jsonMb: jsonBytes / 1e6,
    parseWholeMs,
    pagedLongestMs: paged.longestMs,
    pagedTotalMs: paged.totalMs,
    firstPaintMs,
    heapMb: heap / 1e6,
    scrollP50: percentile(frames.work, 50),
    scrollP95: percentile(frames.work, 95),
    frameP95: percentile(frames.intervals, 95),
    sortMs,
  };
}

/** BENCH_RESULTS_PROFILE=dir: a CPU profile (CDP Profiler) of each scroll, saved there and summed up. */
const PROFILE_DIR = process.env.BENCH_RESULTS_PROFILE;

async function startProfile(page: Page, cdp: CDPSession): Promise<boolean> {
  if (!PROFILE_DIR) return false;
  await page
    .context()
    .browser()!
    .startTracing(page, { categories: ['devtools.timeline', 'blink', 'disabled-by-default-v8.gc'] });
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  return true;
}

async function stopProfile(page: Page, cdp: CDPSession, name: string): Promise<void> {
  const { profile } = await cdp.send('Profiler.stop');
  const trace = await page.context().browser()!.stopTracing();
  await writeFile(join(PROFILE_DIR!, `${name}.trace.json`), trace);
  // Rendering steps from the trace (ms in total, and how often).
  const steps = new Map<string, { ms: number; count: number }>();
  const events = (JSON.parse(trace.toString()) as { traceEvents: { name: string; dur?: number }[] })
    .traceEvents;
  for (const e of events) {
    if (e.dur === undefined) continue;
    const step = steps.get(e.name) ?? { ms: 0, count: 0 };
    steps.set(e.name, { ms: step.ms + e.dur / 1000, count: step.count + 1 });
  }
  console.log(`\nTrace ${name} (ms, count):`);
  for (const [key, v] of [...steps].sort((a, b) => b[1].ms - a[1].ms).slice(0, 20))
    console.log(`  ${v.ms.toFixed(1).padStart(8)} ${String(v.count).padStart(6)}  ${key}`);
  console.log(`  ${gcSummary(events)}`);
  await writeFile(join(PROFILE_DIR!, `${name}.cpuprofile`), JSON.stringify(profile));
  // Self time per function (ms), the top 15: where a scroll frame's script time goes.
  const self = new Map<string, number>();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.log(`\nCPU profile ${name} (self ms):`);
  for (const [key, ms] of top) console.log(`  ${ms.toFixed(1).padStart(8)}  ${key}`);
}

/**
 * Garbage collection during a traced scroll, from V8's per-GC log (V8.GCTraceGCNVP): the
 * mark-compacts and their main-thread marking (incremental steps, longest step, final pause) and
 * background marking, the scavenges' pauses, and how much the V8 old generation and the embedder
 * heap (Blink's DOM, style and layout objects, collected with V8's) grew between collections. A
 * mark-compact traces the whole heap, so its cost follows the records held, not the rows drawn.
 */
function gcSummary(events: { name: string; args?: Record<string, unknown> }[]): string {
  const mc = { count: 0, incremental: 0, longestStep: 0, pause: 0, background: 0 };
  let scavenges = 0;
  let embedder = 0;
  let oldGen = 0;
  let last: { embedder: number; oldGen: number } | undefined;
  for (const e of events) {
    if (e.name !== 'V8.GCTraceGCNVP') continue;
    const gc = JSON.parse(String(e.args?.value)) as Record<string, number | string | boolean>;
    const num = (key: string) => Number(gc[key] ?? 0);
    const at = (when: 'start' | 'end') => ({
      embedder: num(`${when}_global_consumed_size`) - num(`${when}_old_gen_consumed_size`),
      oldGen: num(`${when}_old_gen_consumed_size`),
    });
    const start = at('start');
    if (last) {
      embedder += Math.max(0, start.embedder - last.embedder);
      oldGen += Math.max(0, start.oldGen - last.oldGen);
    }
    last = at('end');
    if (gc.gc === 'mc') {
      mc.count++;
      mc.incremental += num('incremental');
      mc.longestStep = Math.max(mc.longestStep, num('incremental_longest_step'));
      mc.pause += num('pause');
      mc.background += num('background.mark');
    } else scavenges += num('pause');
  }
  return (
    `GC: ${mc.count} mark-compact (main thread: ${mc.incremental.toFixed(0)} ms incremental marking, longest step ` +
    `${mc.longestStep.toFixed(0)} ms, ${mc.pause.toFixed(0)} ms pause; ${mc.background.toFixed(0)} ms background marking), ` +
    `${scavenges.toFixed(0)} ms scavenges; grown between GCs: embedder ${(embedder / 1e6).toFixed(0)} MB, ` +
    `V8 old generation ${(oldGen / 1e6).toFixed(0)} MB`
  );
}

/**
 * Scroll cost per frame under CSS variants, measured side by side on the same page and data: the
 * shipped stylesheet (rows and cells with size/layout/paint containment, rows outside the view
 * skipped with content-visibility), the same without content-visibility, and without either (the
 * stylesheet before). The frame interval is printed too: content-visibility could move work out of
 * the measured scroll handler into the next rendering step, which would show there. BENCH_SCROLL_CSS
 * adds another candidate.
 */
const ROWS = '.results-table tbody.results-rows > tr';
const VARIANTS: { name: string; css: string }[] = [
  { name: 'shipped', css: '' },
  { name: 'containment only', css: `${ROWS} { content-visibility: visible !important; }` },
  {
    name: 'neither (before)',
    css: `${ROWS}, ${ROWS} > td { contain: none !important; content-visibility: visible !important; }`,
  },
  ...(process.env.BENCH_SCROLL_CSS ? [{ name: 'candidate', css: process.env.BENCH_SCROLL_CSS }] : []),
];
/** The environment's floor: static HTML of the same rows, no script (see ResultsBenchApi.showStatic). */
const STATIC = 'static HTML (floor)';

/** Result shapes for the scroll comparison: rows × columns, scrolled down and (300) across. */
const SHAPES = [
  { n: 100_000, columns: 12, axis: 'y' },
  { n: 100_000, columns: 300, axis: 'y' },
  { n: 100_000, columns: 300, axis: 'x' },
] as const;

interface ScrollFigures {
  shape: string;
  variant: string;
  workP50: number;
  workP95: number;
  scriptP95: number;
  /** p95 interval between animation frames: includes rendering the variant may defer past work. */
  frameP95: number;
  cells: number;
}

async function scrollVariants(page: Page): Promise<ScrollFigures[]> {
  const out: ScrollFigures[] = [];
  for (const shape of SHAPES) {
    await page.evaluate(
      ([n, columns]) => (globalThis as unknown as BenchGlobal).resultsBench.prepare(n, columns),
      [shape.n, shape.columns] as const,
    );
    await page.evaluate(() => (globalThis as unknown as BenchGlobal).resultsBench.show(), 0);
    const cells = await page.locator('table[aria-label="Query results"] td').count();
    // Variants alternate in rounds so drift in machine load falls on both alike.
    const work = new Map<string, number[]>();
    const script = new Map<string, number[]>();
    const intervals = new Map<string, number[]>();
    for (let round = 0; round < 3; round++) {
      for (const variant of VARIANTS) {
        await page.evaluate(
          (css) => (globalThis as unknown as BenchGlobal).resultsBench.setStyle(css),
          variant.css,
        );
        const frames = await page.evaluate(
          ([step, axis]) =>
            (globalThis as unknown as BenchGlobal).resultsBench.scroll(40, step, axis as 'x' | 'y'),
          [shape.axis === 'y' ? 480 : 600, shape.axis] as const,
        );
        work.set(variant.name, [...(work.get(variant.name) ?? []), ...frames.work]);
        script.set(variant.name, [...(script.get(variant.name) ?? []), ...frames.script]);
        intervals.set(variant.name, [...(intervals.get(variant.name) ?? []), ...frames.intervals]);
      }
      // The floor: the same rows as static HTML, scrolled the same way, in the same round.
      await page.evaluate(
        (n) => (globalThis as unknown as BenchGlobal).resultsBench.showStatic(n),
        shape.axis === 'y' ? 1000 : 40,
      );
      const frames = await page.evaluate(
        ([step, axis]) =>
          (globalThis as unknown as BenchGlobal).resultsBench.scroll(40, step, axis as 'x' | 'y'),
        [shape.axis === 'y' ? 480 : 600, shape.axis] as const,
      );
      work.set(STATIC, [...(work.get(STATIC) ?? []), ...frames.work]);
      script.set(STATIC, [...(script.get(STATIC) ?? []), ...frames.script]);
      intervals.set(STATIC, [...(intervals.get(STATIC) ?? []), ...frames.intervals]);
      await page.evaluate(() => (globalThis as unknown as BenchGlobal).resultsBench.hideStatic(), 0);
      await page.evaluate(() => (globalThis as unknown as BenchGlobal).resultsBench.show(), 0);
    }
    for (const variant of [...VARIANTS, { name: STATIC }]) {
      const w = work.get(variant.name)!;
      out.push({
        shape: `${shape.n.toLocaleString('en-US')} × ${shape.columns}, scroll ${shape.axis === 'y' ? 'down' : 'across'}`,
        variant: variant.name,
        workP50: percentile(w, 50),
        workP95: percentile(w, 95),
        scriptP95: percentile(script.get(variant.name)!, 95),
        frameP95: percentile(intervals.get(variant.name)!, 95),
        cells,
      });
    }
    await page.evaluate(() => (globalThis as unknown as BenchGlobal).resultsBench.setStyle(''), 0);
    await page.evaluate(() => (globalThis as unknown as BenchGlobal).resultsBench.clear(), 0);
  }
  return out;
}

export async function resultsRendering(): Promise<void> {
  const outDir = await mkdtemp(join(tmpdir(), 'bizlens-results-bench-'));
  await build({
    configFile: false,
    root: join(import.meta.dirname, 'results-page'),
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    // Profiles keep function names readable.
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8192, minify: !PROFILE_DIR },
  });
  const server = await servePage(outDir);
  // Without vsync and the frame-rate cap, a frame takes as long as its work (rAF sampling).
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-gpu-vsync',
      '--disable-frame-rate-limit',
      '--js-flags=--max-old-space-size=6144',
    ],
  });
  const rows: Figures[] = [];
  let scrolls: ScrollFigures[] = [];
  try {
    if (process.env.BENCH_RESULTS_SCROLL !== '0') {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(server.url);
      await page.waitForFunction(() => 'resultsBench' in globalThis);
      scrolls = await scrollVariants(page);
      await page.close();
    }
    for (const { n, held } of SIZES) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(server.url);
      await page.waitForFunction(() => 'resultsBench' in globalThis);
      // Warm-up (code compiled, styles applied) so the first size is not charged for it.
      await page.evaluate(async () => {
        const api = (globalThis as unknown as BenchGlobal).resultsBench;
        api.prepare(1000);
        await api.show();
        api.clear();
      });
      rows.push(await measure(page, n, held));
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(outDir, { recursive: true, force: true });
  }
  if (scrolls.length > 0) {
    console.log(`\nResults table scroll work per frame (ms, style+layout+script; p95 of the script alone),`);
    console.log(`CSS variants alternated on one page; ratio is the variant's p95 to the shipped one's`);
    const shipped = new Map(scrolls.filter((s) => s.variant === 'shipped').map((s) => [s.shape, s]));
    for (const s of scrolls) {
      const ratio = s.workP95 / Math.max(0.01, shipped.get(s.shape)!.workP95);
      console.log(
        `  ${s.shape.padEnd(30)} | ${s.variant.padEnd(20)} | p50 ${s.workP50.toFixed(1).padStart(6)} | p95 ${s.workP95.toFixed(1).padStart(6)} (×${ratio.toFixed(2)}) | script p95 ${s.scriptP95.toFixed(1).padStart(6)} | frame interval p95 ${s.frameP95.toFixed(1).padStart(6)} | ${s.cells} cells drawn`,
      );
    }
  }
  if (rows.length === 0) return;
  const base = rows[0]!;
  console.log(`\nResults table in Chromium, 12 mixed-type columns (goals at 1,000,000: first rows < 500 ms,`);
  console.log(`scroll p95 < 16 ms, heap < 1.5 GB, sort < 1 s); ratios are to the ${label(base)}-record run`);
  const cols = [
    'records',
    'JSON MB',
    'parse whole',
    `parse paged (${PAGE_SIZE / 1000}k) longest/total`,
    'first rows',
    'heap MB',
    'scroll work p50/p95 (frame interval p95)',
    'sort',
  ];
  console.log(`  ${cols.join(' | ')}`);
  for (const r of rows) {
    console.log(
      `  ${label(r).padStart(9)} | ${r.jsonMb.toFixed(0).padStart(5)} | ${r.parseWholeMs.toFixed(0).padStart(6)} ms | ` +
        `${r.pagedLongestMs.toFixed(0)} / ${r.pagedTotalMs.toFixed(0)} ms | ${r.firstPaintMs.toFixed(0).padStart(5)} ms (×${(r.firstPaintMs / base.firstPaintMs).toFixed(1)}) | ` +
        `${r.heapMb.toFixed(0).padStart(5)} (×${(r.heapMb / base.heapMb).toFixed(1)}) | ${r.scrollP50.toFixed(1)} / ${r.scrollP95.toFixed(1)} ms (${r.frameP95.toFixed(1)}) | ` +
        `${r.sortMs.toFixed(0)} ms (×${(r.sortMs / base.sortMs).toFixed(1)})`,
    );
  }
  for (const r of rows) {
    for (const f of r.finds)
      console.log(
        `  find "${f.text}" at ${label(r)}: first matches ${f.firstMs.toFixed(0)} ms, complete ${f.doneMs.toFixed(0)} ms, longest frame ${f.longestFrameMs.toFixed(0)} ms ("${f.status}")`,
      );
  }
  for (const r of rows) {
    console.log(
      `  ratio parse whole / paged longest block at ${label(r)}: ${(r.parseWholeMs / Math.max(0.01, r.pagedLongestMs)).toFixed(1)}×`,
    );
  }
}

// Alone: `npx tsx bench/results-render.ts` (BENCH_RESULTS_SIZES=10000,100000 for a shorter run).
if (import.meta.url === `file://${process.argv[1]}`) await resultsRendering();
