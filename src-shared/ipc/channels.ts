/**
 * Channel names only: the preload imports this (and nothing heavier) to allow-list what the
 * renderer may call and subscribe to. contract.ts checks at compile time that both lists match it.
 */
export const INVOKE_CHANNELS = [
  'app:getInfo',
  'secrets:useSessionOnly',
  'environments:list',
  'environments:get',
  'environments:save',
  'environments:remove',
  'environments:select',
  'environments:resetSecret',
  'environments:export',
  'environments:import',
  'environments:test',
  'console:call',
  'query:execute',
  'query:cancel',
  'query:verify',
  'query:getSettings',
  'query:saveSettings',
  'saved:list',
  'saved:save',
  'saved:remove',
  'ingest:send',
  'ingest:countEvents',
  'ingest:confirmArrival',
  'ingest:cancelArrival',
  'ingest:endpoint',
  'ingest:bulkCreate',
  'ingest:bulkUpload',
  'ingest:bulkStart',
  'ingest:bulkCancel',
  'ingest:bulkPause',
  'ingest:bulkDiscard',
  'ingest:bulkPickFile',
  'ingest:bulkList',
  'ingest:bulkVerify',
  'templates:list',
  'templates:save',
  'templates:remove',
  'history:list',
  'history:add',
  'history:star',
  'health:run',
  'health:cancel',
  'health:report',
  'health:canaryRun',
  'health:canarySchedule',
  'health:canaryStatus',
  'results:parquetBegin',
  'results:parquetChunk',
  'results:parquetFinish',
  'results:parquetAbort',
  'results:page',
  'results:release',
  'sandbox:status',
  'sandbox:loadSample',
  'sandbox:clear',
  'sandbox:setFaults',
] as const;

export const EVENT_CHANNELS = [
  'query:progress',
  'environments:changed',
  'ingest:arrivalProgress',
  'ingest:bulkProgress',
  'health:canaryResult',
] as const;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[number];
export type EventChannel = (typeof EVENT_CHANNELS)[number];

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (INVOKE_CHANNELS as readonly string[]).includes(value);
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (EVENT_CHANNELS as readonly string[]).includes(value);
}
