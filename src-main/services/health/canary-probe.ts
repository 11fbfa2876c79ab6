/**
 * The canary probe: sends one tagged event through the IngestService and polls (ArrivalService)
 * until a query finds it, measuring the time from the ingest acknowledgement until it is queryable.
 * Runs on demand or on an interval per environment; a small history is kept in memory, main-side.
 * Safety levels are checked on every send, interval runs included.
 */
import { randomUUID } from 'node:crypto';
import { AppError, toErrorData } from '../../../src-shared/errors';
import { arrivalTimeframe } from '../../../src-shared/grail/arrival';
import { CANARY_PROVIDER, CANARY_TYPE } from '../../../src-shared/health/queries';
import type {
  CanaryRun,
  CanaryStatus,
  IngestArrivalOutcome,
  IngestConfirmArrivalRequest,
  IngestSendRequest,
  IngestSendResponse,
} from '../../../src-shared/ipc/contract';
import { redactText } from '../../platform/redaction';
import type { CallContext } from '../../ipc/handler-types';

/** Runs kept per environment (newest last). */
export const CANARY_HISTORY = 50;
export const CANARY_TIMEOUT_MS = 60_000;

export interface CanaryDeps {
  send(req: IngestSendRequest, signal: AbortSignal): Promise<IngestSendResponse>;
  confirmArrival(req: IngestConfirmArrivalRequest, ctx: CallContext): Promise<IngestArrivalOutcome>;
  /** Throws when the environment's safety level refuses the write (write-guard.ts). */
  assertWriteAllowed(environmentId: string, confirmedProduction: boolean): void;
  /** Tells every window about a finished run (interval runs have no caller). */
  publish(run: CanaryRun): void;
}

interface Schedule {
  intervalSeconds: number;
  confirmedProduction: boolean;
  timer: ReturnType<typeof setTimeout>;
}

export class CanaryProbe {
  private readonly history = new Map<string, CanaryRun[]>();
  private readonly schedules = new Map<string, Schedule>();
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly deps: CanaryDeps,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  async run(
    environmentId: string,
    options: { trigger: CanaryRun['trigger']; confirmedProduction: boolean; timeoutMs?: number },
  ): Promise<CanaryRun> {
    // Refused writes are errors for the caller, not runs in the history.
    this.deps.assertWriteAllowed(environmentId, options.confirmedProduction);
    if (this.running.has(environmentId))
      throw new AppError('CANARY_RUNNING', 'A canary probe is already running for this environment.');
    const controller = new AbortController();
    this.running.set(environmentId, controller);
    const id = randomUUID();
    const eventId = `bizlens-canary-${id}`;
    const base = {
      id,
      environmentId,
      trigger: options.trigger,
      startedAt: new Date().toISOString(),
      eventId,
    };
    let run: CanaryRun;
    let sendMs: number | null = null;
    try {
      const window = arrivalTimeframe([], BigInt(Date.now()) * 1_000_000n);
      const sent = await this.deps.send(
        {
          environmentId,
          contentType: 'application/json',
          body: JSON.stringify({
            'event.provider': CANARY_PROVIDER,
            'event.type': CANARY_TYPE,
            'event.id': eventId,
            'bizlens.canary.trigger': options.trigger,
          }),
        },
        controller.signal,
      );
      sendMs = sent.durationMs;
      if (!sent.accepted) {
        run = {
          ...base,
          state: 'failed',
          sendMs,
          queryableMs: null,
          polls: 0,
          status: sent.status,
          message: `The ingest API answered HTTP ${sent.status}.`,
        };
      } else {
        const outcome = await this.deps.confirmArrival(
          {
            requestId: `canary-${id}`,
            environmentId,
            ...window,
            expected: [{ eventId, count: 1 }],
            timeoutMs: options.timeoutMs ?? CANARY_TIMEOUT_MS,
          },
          { signal: controller.signal, emit: () => {} },
        );
        run = {
          ...base,
          state: outcome.state,
          sendMs,
          queryableMs: outcome.state === 'arrived' ? outcome.elapsedMs : null,
          polls: outcome.polls,
          status: sent.status,
          ...(outcome.state === 'timeout'
            ? { message: `Not queryable after ${Math.round(outcome.elapsedMs / 1000)} s.` }
            : {}),
        };
      }
    } catch (err) {
      const data = toErrorData(err);
      run = {
        ...base,
        state: controller.signal.aborted ? 'cancelled' : 'failed',
        sendMs,
        queryableMs: null,
        polls: 0,
        message: redactText(data.message),
      };
    } finally {
      this.running.delete(environmentId);
    }
    this.remember(run);
    this.deps.publish(run);
    return run;
  }

  /** Starts (or changes) the interval, or stops it with null. The first interval run starts at once. */
  schedule(
    environmentId: string,
    intervalSeconds: number | null,
    confirmedProduction: boolean,
  ): CanaryStatus {
    this.stopSchedule(environmentId);
    if (intervalSeconds !== null) {
      this.deps.assertWriteAllowed(environmentId, confirmedProduction);
      this.arm(environmentId, intervalSeconds, confirmedProduction, 0);
    }
    return this.status(environmentId);
  }

  status(environmentId: string): CanaryStatus {
    return {
      environmentId,
      intervalSeconds: this.schedules.get(environmentId)?.intervalSeconds ?? null,
      running: this.running.has(environmentId),
      history: [...(this.history.get(environmentId) ?? [])],
    };
  }

  runs(environmentId: string): readonly CanaryRun[] {
    return this.history.get(environmentId) ?? [];
  }

  dispose(): void {
    for (const id of [...this.schedules.keys()]) this.stopSchedule(id);
    for (const c of this.running.values()) c.abort();
  }

  private arm(environmentId: string, intervalSeconds: number, confirmedProduction: boolean, delayMs: number) {
    const timer = setTimeout(() => void this.tick(environmentId), delayMs);
    // An interval must never keep the process (or a test run) alive on its own.
    timer.unref?.();
    this.schedules.set(environmentId, { intervalSeconds, confirmedProduction, timer });
  }

  private async tick(environmentId: string): Promise<void> {
    const s = this.schedules.get(environmentId);
    if (!s) return;
    const started = this.now();
    if (!this.running.has(environmentId)) {
      try {
        await this.run(environmentId, { trigger: 'interval', confirmedProduction: s.confirmedProduction });
      } catch {
        // The safety level changed to refuse writes (or the environment is gone): stop probing.
        if (this.schedules.get(environmentId) === s) this.stopSchedule(environmentId);
        return;
      }
    }
    // Rescheduled only if the interval was not changed or stopped while this run went on.
    if (this.schedules.get(environmentId) !== s) return;
    const left = Math.max(0, s.intervalSeconds * 1000 - (this.now() - started));
    this.arm(environmentId, s.intervalSeconds, s.confirmedProduction, left);
  }

  private stopSchedule(environmentId: string): void {
    const s = this.schedules.get(environmentId);
    if (s) clearTimeout(s.timer);
    this.schedules.delete(environmentId);
  }

  private remember(run: CanaryRun): void {
    const list = this.history.get(run.environmentId) ?? [];
    list.push(run);
    if (list.length > CANARY_HISTORY) list.splice(0, list.length - CANARY_HISTORY);
    this.history.set(run.environmentId, list);
  }
}
