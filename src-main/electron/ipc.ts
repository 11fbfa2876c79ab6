/**
 * Binds the contract's handlers to ipcMain.handle. The web edition passes a socket-backed
 * ipcMain shim with the same shape, so this binding is exercised by the Chromium tests too.
 */
import type { IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS } from '../../src-shared/ipc/channels';
import type { EventName, EventPayload } from '../../src-shared/ipc/contract';
import type { CallContext, Handlers } from '../ipc/handler-types';
import { dispatch, type Logger } from '../ipc/dispatch';

/** The part of IpcMainInvokeEvent the binding relies on. */
export type InvokeEvent = Pick<IpcMainInvokeEvent, 'senderFrame'> & {
  sender: { send(channel: string, ...args: unknown[]): void };
};

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface BindOptions {
  /** Only frames whose URL passes this check may call (Electron: our file:// or dev-server URL). */
  isTrustedSender(url: string): boolean;
  /** Long operations are cancelled through the contract (query:cancel); this covers shutdown. */
  signal: AbortSignal;
  log?: Logger;
}

export function bindIpc(ipcMain: IpcMainLike, handlers: Handlers, options: BindOptions): () => void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, async (event, request) => {
      const url = event.senderFrame?.url ?? '';
      if (!options.isTrustedSender(url)) {
        options.log?.warn('ipc call from untrusted frame refused', { channel });
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Caller is not trusted.' } };
      }
      const ctx: CallContext = {
        signal: options.signal,
        emit: <E extends EventName>(name: E, payload: EventPayload<E>) => event.sender.send(name, payload),
      };
      return dispatch(handlers, channel, request, ctx, options.log);
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
