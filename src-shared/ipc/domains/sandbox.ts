/** IPC domain: data management and fault injection of the embedded local sandbox. */
import { z } from 'zod';

export const SAMPLE_DATA_SETS = ['bike-rental', 'checkout-funnel'] as const;
export const SampleDataSetId = z.enum(SAMPLE_DATA_SETS);
export type SampleDataSetId = z.infer<typeof SampleDataSetId>;

export const SandboxDataStatus = z.object({
  eventCount: z.number().int().nonnegative(),
  /** Database file plus write-ahead log. */
  sizeBytes: z.number().int().nonnegative(),
  /** Canonical fault spec in force; '' when faults are off. */
  faults: z.string(),
});
export type SandboxDataStatus = z.infer<typeof SandboxDataStatus>;

export const sandboxCalls = {
  'sandbox:status': { request: z.object({}).strict(), response: SandboxDataStatus },
  'sandbox:loadSample': {
    request: z.object({ dataSet: SampleDataSetId }).strict(),
    response: z.object({ loaded: z.number().int().nonnegative(), status: SandboxDataStatus }),
  },
  'sandbox:clear': {
    /** The user confirmed deleting every stored event (main refuses without it). */
    request: z.object({ confirm: z.literal(true) }).strict(),
    response: SandboxDataStatus,
  },
  'sandbox:setFaults': {
    /** Fault spec text (e.g. `429=0.1,latency=50-200,seed=42`); '' switches faults off. */
    request: z.object({ spec: z.string().max(500) }).strict(),
    response: SandboxDataStatus,
  },
} as const;
