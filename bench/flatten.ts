/**
 * Flattening seed-shaped events (what Grail stores) against JSON.stringify and JSON.parse of the
 * same 1000 events (and of a 10,000-event request, where garbage collection dominates), as
 * interleaved rounds with medians: on a shared machine, timing each function in its own block
 * measures the neighbours' load as much as the code. Two floors show what the flattening cannot
 * avoid: reading the text, and building the rows it returns.
 */
import { randomUUID } from 'node:crypto';
import { flattenIngestBody } from '../src-shared/grail/flatten';
import { seedEvent } from './seed-events';

export async function flattenVsStringify(rounds = 40, count = 1000): Promise<void> {
  const events = Array.from({ length: count }, (_, i) => seedEvent(i));
  const body = JSON.stringify(events);
  const ctx = { nowNs: BigInt(Date.now()) * 1_000_000n, newId: () => randomUUID() };
  // What any flattening of this text into these rows must do at the least, timed alone: look at
  // every character once, and build each event's stored Map with its generated event.id.
  const once = flattenIngestBody(body, 'application/json', ctx);
  if (!once.ok) throw new Error('seed events did not flatten');
  const stored = once.events.map((e) => [...e.fields]);
  const subjects: [string, () => unknown][] = [
    ['JSON.stringify (baseline)', () => JSON.stringify(events)],
    ['JSON.parse', () => JSON.parse(body)],
    ['flattenIngestBody (Grail rules + warnings)', () => flattenIngestBody(body, 'application/json', ctx)],
    ['floor: read every character once', () => readEveryCharacter(body)],
    ['floor: the stored Maps, with new event.ids', () => storedMaps(stored, ctx.newId)],
  ];
  const samples = subjects.map(() => [] as number[]);
  // About the same work per round whatever the batch size.
  const perRound = Math.max(1, Math.round(10_000 / count));
  for (const [, fn] of subjects) for (let i = 0; i < 3 * perRound; i++) fn(); // warm-up: let the JIT optimize
  for (let r = 0; r < rounds; r++)
    subjects.forEach(([, fn], k) => {
      const t0 = performance.now();
      for (let i = 0; i < perRound; i++) fn();
      samples[k]!.push((performance.now() - t0) / perRound);
    });
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
  const base = median(samples[0]!);
  console.log(
    `\nFlattening ${count} seed-shaped events (${(body.length / 1024).toFixed(0)} KiB), medians of ${rounds} interleaved rounds (goal ≤ 1.5× JSON.stringify)`,
  );
  subjects.forEach(([name], k) => {
    const ms = median(samples[k]!);
    console.log(
      `  ${name.padEnd(52)} ${ms.toFixed(3).padStart(8)} ms/batch   ${(ms / base).toFixed(2)}× JSON.stringify   ${Math.round((count / ms) * 1000).toLocaleString('en-US')} events/s`,
    );
  });
  const floors = subjects.flatMap(([name], k) => (name.startsWith('floor') ? [median(samples[k]!)] : []));
  console.log(
    `  the floors together (a JS scanner's reading, the rows returned): ${(floors.reduce((a, b) => a + b, 0) / base).toFixed(2)}× JSON.stringify, against the goal of 1.5×`,
  );
}

function readEveryCharacter(text: string): number {
  let sum = 0;
  for (let i = 0; i < text.length; i++) sum += text.charCodeAt(i);
  return sum;
}

function storedMaps(stored: readonly [string, unknown][][], newId: () => string): Map<string, unknown>[] {
  return stored.map((fields) => {
    const row = new Map<string, unknown>();
    for (const [name, value] of fields) row.set(name, name === 'event.id' ? newId() : value);
    return row;
  });
}

// Run alone: `npx tsx bench/flatten.ts`.
if (process.argv[1]?.endsWith('flatten.ts')) {
  await flattenVsStringify();
  await flattenVsStringify(10, 10_000);
}
