import { describe, expect, it } from 'vitest';
import type { QueryHistoryEntry } from '../../../src-shared/ipc/contract';
import { pastRuns } from '../../../src-renderer/features/query/cost-check';
import {
  dqlFileName,
  readDqlFile,
  MAX_DQL_FILE_BYTES,
} from '../../../src-renderer/features/query/query-file';
import { opensShortcutSheet } from '../../../src-renderer/features/query/shortcuts';

const entry = (query: string, extra: Partial<QueryHistoryEntry> = {}): QueryHistoryEntry => ({
  id: `run-${query}`,
  environmentId: 'sandbox',
  query,
  ranAt: '2024-01-01T00:00:00.000Z',
  timeframe: 'Last 2 hours',
  state: 'SUCCEEDED',
  durationMs: 5,
  starred: false,
  ...extra,
});

describe('dqlFileName', () => {
  it('keeps a readable name and adds .dql once', () => {
    expect(dqlFileName('Query 1')).toBe('Query 1.dql');
    expect(dqlFileName('orders.dql')).toBe('orders.dql');
    expect(dqlFileName('../../etc/passwd')).toBe('_etc_passwd.dql');
    expect(dqlFileName('Bestellungen – März')).toBe('Bestellungen _ März.dql');
    expect(dqlFileName('???')).toBe('_.dql');
    expect(dqlFileName('   ')).toBe('query.dql');
  });
});

describe('readDqlFile', () => {
  it('reads a query file and names the tab after it', async () => {
    const file = new File(['fetch logs'], 'errors.dql', { type: 'text/plain' });
    expect(await readDqlFile(file)).toEqual({ ok: true, name: 'errors', text: 'fetch logs' });
  });

  it('refuses binary and oversized files with a message naming them', async () => {
    expect(await readDqlFile(new File(['a\u0000b'], 'x.bin'))).toEqual({
      ok: false,
      message: 'x.bin is not a text file.',
    });
    const big = new File(['x'.repeat(MAX_DQL_FILE_BYTES + 1)], 'big.dql');
    expect(await readDqlFile(big)).toEqual({
      ok: false,
      message: 'big.dql is larger than 200 kB; is it a query?',
    });
  });
});

describe('pastRuns (the cost guard reads the history)', () => {
  it('takes the scanned bytes of earlier runs of the same text', () => {
    const runs = pastRuns(
      [
        entry('fetch logs', { scannedBytes: 10, timeframeMs: 7_200_000 }),
        entry(' fetch logs\n', { scannedBytes: 30 }),
        entry('fetch logs', { state: 'FAILED' }),
        entry('fetch bizevents', { scannedBytes: 99 }),
      ],
      'fetch logs',
    );
    expect(runs).toEqual([
      { scannedBytes: 10, timeframeMs: 7_200_000 },
      { scannedBytes: 30, timeframeMs: undefined },
    ]);
  });
});

describe('opensShortcutSheet', () => {
  const key = (k: string, target: unknown = null, mods: Partial<KeyboardEvent> = {}) =>
    ({ key: k, target, ctrlKey: false, metaKey: false, altKey: false, ...mods }) as unknown as KeyboardEvent;
  const element = (tagName: string, inEditor = false) => ({
    tagName,
    isContentEditable: false,
    closest: (sel: string) => (inEditor && sel === '.monaco-editor' ? {} : null),
  });

  it('opens on F1 anywhere, and on ? only where it would not be typed', () => {
    expect(opensShortcutSheet(key('F1', element('TEXTAREA', true)))).toBe(true);
    expect(opensShortcutSheet(key('?', element('BUTTON')))).toBe(true);
    expect(opensShortcutSheet(key('?', element('INPUT')))).toBe(false);
    expect(opensShortcutSheet(key('?', element('TEXTAREA', true)))).toBe(false);
    expect(opensShortcutSheet(key('?', element('DIV'), { ctrlKey: true }))).toBe(false);
    expect(opensShortcutSheet(key('/', element('DIV')))).toBe(false);
  });
});
