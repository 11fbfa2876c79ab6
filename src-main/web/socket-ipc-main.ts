/**
 * A stand-in for Electron's ipcMain that receives invokes from WebSocket connections, so the web
 * edition binds the real src-main/electron/ipc.ts instead of a second code path.
 */
import type { IpcMainLike, InvokeEvent } from '../electron/ipc';
import type { ClientMessage, ServerMessage } from './socket-protocol';

type Listener = (event: InvokeEvent, ...args: unknown[]) => Promise<unknown>;

export interface SocketPeer {
  send(message: ServerMessage): void;
  /** The page URL this connection belongs to (its checked Origin + "/"). */
  frameUrl: string;
}

export class SocketIpcMain implements IpcMainLike {
  private readonly listeners = new Map<string, Listener>();

  handle(channel: string, listener: Listener): void {
    if (this.listeners.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.listeners.set(channel, listener);
  }

  removeHandler(channel: string): void {
    this.listeners.delete(channel);
  }

  async receive(peer: SocketPeer, message: ClientMessage): Promise<void> {
    const listener = this.listeners.get(message.channel);
    if (!listener) {
      peer.send({ t: 'reply', id: message.id, error: `No handler registered for '${message.channel}'` });
      return;
    }
    const event = {
      senderFrame: { url: peer.frameUrl },
      sender: { send: (channel: string, payload: unknown) => peer.send({ t: 'event', channel, payload }) },
    } as unknown as InvokeEvent;
    try {
      peer.send({ t: 'reply', id: message.id, value: await listener(event, ...message.args) });
    } catch {
      peer.send({ t: 'reply', id: message.id, error: 'The handler failed.' });
    }
  }
}
