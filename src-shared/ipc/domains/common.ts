/** Building blocks every IPC domain uses. */
import { z } from 'zod';

export const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9._:-]+$/, 'only letters, digits and . _ : -');

export const IsoTimestamp = z.iso.datetime({ offset: true });

export const Empty = z.object({}).strict();
