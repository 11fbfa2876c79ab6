/**
 * Data management of the embedded sandbox: event count and size on disk, sample data sets loaded
 * through the sandbox's own ingest API (so they are stored exactly as any client's events), clearing
 * every event, and the fault-injection setting (off by default, not kept across restarts so the
 * app never starts up misbehaving).
 */
import { AppError } from '../../src-shared/errors';
import type { IngestSendRequest, IngestSendResponse } from '../../src-shared/ipc/domains/ingest';
import type { SampleDataSetId, SandboxDataStatus } from '../../src-shared/ipc/domains/sandbox';
import { FaultSpecError, NO_FAULTS, formatFaultSpec, isInert, parseFaultSpec } from '../sandbox/faults-spec';
import type { RunningSandbox } from '../sandbox/server';
import { SANDBOX_ENVIRONMENT_ID } from './local-sandbox';
import { sampleEvents } from './sandbox-samples';

/** Events per ingest request: well under the 5 MiB request limit. */
const BATCH = 1000;

export interface SandboxDataDeps {
  /** The running sandbox, or null while it is not up. */
  sandbox: () => RunningSandbox | null;
  /** Sends one payload to an environment (the app's ingest path, with its token handling). */
  send: (req: IngestSendRequest, signal: AbortSignal) => Promise<IngestSendResponse>;
  now?: () => number;
}

export class SandboxDataService {
  constructor(private readonly deps: SandboxDataDeps) {}

  async status(): Promise<SandboxDataStatus> {
    const sandbox = this.running();
    const stats = await sandbox.admin.stats();
    const faults = sandbox.faults();
    return { ...stats, faults: isInert(faults) ? '' : formatFaultSpec(faults) };
  }

  async loadSample(
    dataSet: SampleDataSetId,
    signal: AbortSignal,
  ): Promise<{ loaded: number; status: SandboxDataStatus }> {
    const sandbox = this.running();
    const events = sampleEvents(dataSet, (this.deps.now ?? Date.now)());
    // Injected faults would drop sample batches at random: load with faults paused.
    const faults = sandbox.faults();
    await sandbox.setFaults(NO_FAULTS);
    try {
      for (let i = 0; i < events.length; i += BATCH) {
        const res = await this.deps.send(
          {
            environmentId: SANDBOX_ENVIRONMENT_ID,
            body: JSON.stringify(events.slice(i, i + BATCH)),
            contentType: 'application/json',
          },
          signal,
        );
        if (!res.accepted)
          throw new AppError(
            'SAMPLE_LOAD_FAILED',
            `The sandbox refused sample events ${i + 1}–${Math.min(i + BATCH, events.length)} (HTTP ${res.status}); ${i} were stored.`,
          );
      }
    } finally {
      await sandbox.setFaults(faults);
    }
    return { loaded: events.length, status: await this.status() };
  }

  async clear(): Promise<SandboxDataStatus> {
    await this.running().admin.clear();
    return this.status();
  }

  async setFaults(text: string): Promise<SandboxDataStatus> {
    let spec;
    try {
      spec = parseFaultSpec(text);
    } catch (err) {
      if (err instanceof FaultSpecError)
        throw new AppError('INVALID_FAULT_SPEC', err.message, { column: err.column });
      throw err;
    }
    await this.running().setFaults(spec);
    return this.status();
  }

  private running(): RunningSandbox {
    const sandbox = this.deps.sandbox();
    if (!sandbox)
      throw new AppError('ENVIRONMENT_NOT_READY', 'The local sandbox is not running yet.', {}, true);
    return sandbox;
  }
}
