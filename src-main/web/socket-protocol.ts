/** Messages carried over the web edition's WebSocket (Electron's invoke/reply/send, as JSON). */
import { z } from 'zod';

export const ClientMessage = z.object({
  t: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  args: z.array(z.unknown()).max(4),
});
export type ClientMessage = z.infer<typeof ClientMessage>;

export type ServerMessage =
  | { t: 'reply'; id: number; value: unknown }
  | { t: 'reply'; id: number; error: string }
  | { t: 'event'; channel: string; payload: unknown };
