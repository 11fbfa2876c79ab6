/**
 * Channel names only: the preload imports this (and nothing heavier) to allow-list what the
 * renderer may call and subscribe to. contract.ts checks at compile time that both lists match it.
 */
export const INVOKE_CHANNELS = [
  'app:getInfo',
  'secrets:useSessionOnly',
  'environments:list',
  'query:execute',
  'query:cancel',
  'ingest:send',
] as const;

export const EVENT_CHANNELS = ['query:progress', 'environments:changed'] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}
