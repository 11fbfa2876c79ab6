import { mkdtemp, open, readFile, rm } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AckLog } from '../../../../../src-main/services/bulk/outbox';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizlens-acklog-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A real file handle whose datasync waits until released, and which records what it was asked. */
async function slowDisk(path: string) {
  const real = await open(path, 'a');
  const calls: string[] = [];
  const pending: (() => void)[] = [];
  const handle = {
    write: async (text: string) => {
      calls.push(`write ${JSON.stringify(text)}`);
      return real.write(text);
    },
    datasync: async () => {
      calls.push('datasync');
      await new Promise<void>((r) => pending.push(r));
      return real.datasync();
    },
    close: () => real.close(),
  } as unknown as FileHandle;
  const releaseOne = () => pending.shift()?.();
  return { handle, calls, releaseOne, waiting: () => pending.length };
}

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('AckLog (group commit)', () => {
  it('writes the acks that arrive during a flush together, with one datasync, and resolves each after it', async () => {
    const path = join(dir, 'acks.log');
    const disk = await slowDisk(path);
    const log = new AckLog(disk.handle);
    const settled: number[] = [];
    const first = log.append({ batch: 0, count: 5, failed: 0 }).then(() => settled.push(0));
    await tick();
    expect(disk.waiting()).toBe(1); // batch 0 is being flushed
    const later = [1, 2, 3].map((b) =>
      log.append({ batch: b, count: 5, failed: b === 2 ? 1 : 0 }).then(() => settled.push(b)),
    );
    await tick();
    expect(settled).toEqual([]); // nothing resolves before its datasync
    disk.releaseOne();
    await first;
    await tick();
    expect(settled).toEqual([0]);
    expect(disk.waiting()).toBe(1); // batches 1–3: one group
    disk.releaseOne();
    await Promise.all(later);
    expect(settled).toEqual([0, 1, 2, 3]);
    expect(disk.calls).toEqual([
      'write "0 5 0\\n"',
      'datasync',
      'write "1 5 0\\n2 5 1\\n3 5 0\\n"',
      'datasync',
    ]);
    await log.close();
    expect(await readFile(path, 'utf8')).toBe('0 5 0\n1 5 0\n2 5 1\n3 5 0\n');
  });

  it('fails the appends of a group whose flush fails, and still flushes the next group', async () => {
    const path = join(dir, 'acks.log');
    const real = await open(path, 'a');
    let failNext = true;
    const handle = {
      write: (text: string) => real.write(text),
      datasync: async () => {
        if (failNext) {
          failNext = false;
          throw new Error('disk full');
        }
        return real.datasync();
      },
      close: () => real.close(),
    } as unknown as FileHandle;
    const log = new AckLog(handle);
    await expect(log.append({ batch: 0, count: 1, failed: 0 })).rejects.toThrow('disk full');
    await expect(log.append({ batch: 1, count: 1, failed: 0 })).resolves.toBeUndefined();
    await log.close();
  });
});
