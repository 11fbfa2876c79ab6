/**
 * Transport-independent dispatch: validate the request with the contract's zod schema, run the
 * handler, and return errors as data. Every transport (Electron, web edition, tests) goes through it.
 */
import { toErrorData } from '../../src-shared/errors';
import { contract, type Channel, type Envelope } from '../../src-shared/ipc/contract';
import type { CallContext, Handlers } from './handler-types';
import { isInvokeChannel } from '../../src-shared/ipc/channels';
import { redactValue } from '../platform/redaction';

export interface Logger {
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  rawRequest: unknown,
  ctx: CallContext,
  log?: Logger,
): Promise<Envelope<unknown>> {
  if (!isInvokeChannel(channel)) {
    return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'Unknown channel.' } };
  }
  const spec = contract[channel];
  const parsed = spec.request.safeParse(rawRequest ?? {});
  if (!parsed.success) return { ok: false, error: toErrorData(parsed.error) };
  try {
    const handler = handlers[channel] as (req: unknown, ctx: CallContext) => Promise<unknown>;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (err) {
    // Every error crossing the boundary passes the one redaction function (messages may quote servers).
    const data = redactValue(toErrorData(err));
    // Only the code and the (user-safe) message are logged; error objects may hold request details.
    if (data.code === 'INTERNAL') log?.error(`ipc ${channel} failed`, { error: redactValue(describe(err)) });
    return { ok: false, error: data };
  }
}

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

export type { Channel };
