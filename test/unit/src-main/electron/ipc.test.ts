import { describe, expect, it } from 'vitest';
import { bindIpc, type IpcMainLike, type InvokeEvent } from '../../../../src-main/electron/ipc';
import type { Handlers } from '../../../../src-main/ipc/handler-types';
import { AppError } from '../../../../src-shared/errors';
import { INVOKE_CHANNELS } from '../../../../src-shared/ipc/channels';

type Listener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const listeners = new Map<string, Listener>();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void listeners.set(channel, listener),
    removeHandler: (channel) => void listeners.delete(channel),
  };
  return { ipc, listeners };
}

function event(url: string, sent: unknown[][] = []): InvokeEvent {
  return {
    senderFrame: { url },
    sender: { send: (...args: unknown[]) => sent.push(args) },
  } as unknown as InvokeEvent;
}

const handlers = {
  'app:getInfo': async () => ({
    name: 'Bizlens',
    version: '0',
    edition: 'web',
    secretBackend: { kind: 'keychain', detail: '' },
  }),
  'query:cancel': async (req: { requestId: string }) => {
    if (req.requestId === 'boom') throw new Error('secret=hunter2 at /internal/path');
    if (req.requestId === 'known') throw new AppError('NOPE', 'Not cancellable.');
    return { cancelled: true };
  },
  'query:execute': async (_req: unknown, ctx: { emit: (n: string, p: unknown) => void }) => {
    ctx.emit('query:progress', { requestId: 'r1', state: 'RUNNING', progress: 5 });
    return { state: 'CANCELLED', durationMs: 1 };
  },
} as unknown as Handlers;

const trusted = (url: string) => url === 'http://app/';

describe('bindIpc', () => {
  it('registers every contract channel and removes them on dispose', () => {
    const { ipc, listeners } = fakeIpcMain();
    const dispose = bindIpc(ipc, handlers, {
      isTrustedSender: trusted,
      signal: new AbortController().signal,
    });
    expect([...listeners.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    dispose();
    expect(listeners.size).toBe(0);
  });

  it('refuses calls from untrusted frames without running the handler', async () => {
    const { ipc, listeners } = fakeIpcMain();
    bindIpc(ipc, handlers, { isTrustedSender: trusted, signal: new AbortController().signal });
    const res = await listeners.get('query:cancel')!(event('https://evil.example/'), { requestId: 'boom' });
    expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: 'Caller is not trusted.' } });
  });

  it('validates requests with the contract before calling handlers', async () => {
    const { ipc, listeners } = fakeIpcMain();
    bindIpc(ipc, handlers, { isTrustedSender: trusted, signal: new AbortController().signal });
    const res = (await listeners.get('query:cancel')!(event('http://app/'), { requestId: 'has space' })) as {
      ok: boolean;
      error: { code: string; message: string };
    };
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('INVALID_REQUEST');
    expect(res.error.message).toMatch(/requestId/);
    const extra = (await listeners.get('app:getInfo')!(event('http://app/'), { sneaky: 1 })) as {
      ok: boolean;
    };
    expect(extra.ok).toBe(false);
  });

  it('returns errors as data: AppErrors keep code and message, others never leak internals', async () => {
    const { ipc, listeners } = fakeIpcMain();
    bindIpc(ipc, handlers, { isTrustedSender: trusted, signal: new AbortController().signal });
    expect(await listeners.get('query:cancel')!(event('http://app/'), { requestId: 'known' })).toEqual({
      ok: false,
      error: { code: 'NOPE', message: 'Not cancellable.' },
    });
    const res = JSON.stringify(
      await listeners.get('query:cancel')!(event('http://app/'), { requestId: 'boom' }),
    );
    expect(res).toContain('INTERNAL');
    expect(res).not.toContain('hunter2');
    expect(res).not.toContain('/internal/path');
  });

  it('sends progress events back to the calling frame', async () => {
    const { ipc, listeners } = fakeIpcMain();
    bindIpc(ipc, handlers, { isTrustedSender: trusted, signal: new AbortController().signal });
    const sent: unknown[][] = [];
    const res = await listeners.get('query:execute')!(event('http://app/', sent), {
      requestId: 'r1',
      environmentId: 'local-sandbox',
      query: 'fetch bizevents',
    });
    expect(res).toEqual({ ok: true, value: { state: 'CANCELLED', durationMs: 1 } });
    expect(sent).toEqual([['query:progress', { requestId: 'r1', state: 'RUNNING', progress: 5 }]]);
  });
});
