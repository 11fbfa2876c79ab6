/**
 * Query jobs behind request tokens. A job runs in the background; execute/poll wait on it for at
 * most their request timeout (a real wait on the job's promise, not a sleep loop). Finished jobs
 * live `ttlSeconds` after completion, then their token answers 410. Cancel trips the job's
 * cancellation token; the engine checks it between records.
 */
import { randomBytes } from 'node:crypto';
import type { QueryResult } from '../../src-shared/grail/wire';

export type JobOutcome =
  | { kind: 'succeeded'; result: QueryResult }
  | { kind: 'failed'; status: number; body: unknown }
  | { kind: 'cancelled' };

export type JobState = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED';

export interface QueryJob {
  readonly requestToken: string;
  readonly state: JobState;
  readonly outcome: JobOutcome | undefined;
  /** Resolves when the job settles (never rejects). */
  readonly done: Promise<void>;
}

interface MutableJob extends QueryJob {
  done: Promise<void>;
  state: JobState;
  outcome: JobOutcome | undefined;
  cancelToken: { cancelled: boolean };
  finishedAtNs: bigint | undefined;
}

export interface JobRegistryOptions {
  readonly ttlSeconds: number;
  readonly now: () => bigint;
  readonly maxJobs: number;
  /** Where unexpected job failures are reported (the client only sees a generic 500). */
  readonly onError?: (err: unknown) => void;
}

const NS_PER_SECOND = 1_000_000_000n;

export class JobRegistry {
  private readonly jobs = new Map<string, MutableJob>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: JobRegistryOptions) {
    this.sweeper = setInterval(() => this.sweep(), 5_000);
    this.sweeper.unref();
  }

  get size(): number {
    return this.jobs.size;
  }

  /** Starts `run`; returns undefined when too many jobs are held (→ 429). */
  start(run: (cancel: { readonly cancelled: boolean }) => Promise<JobOutcome>): QueryJob | undefined {
    this.sweep();
    if (this.jobs.size >= this.options.maxJobs) return undefined;
    const requestToken = randomBytes(16).toString('base64'); // opaque, needs URL-encoding like the real one
    const cancelToken = { cancelled: false };
    const job: MutableJob = {
      requestToken,
      state: 'RUNNING',
      outcome: undefined,
      cancelToken,
      finishedAtNs: undefined,
      done: Promise.resolve(),
    };
    const settle = (outcome: JobOutcome): void => {
      if (job.state !== 'RUNNING') return;
      job.outcome = outcome;
      job.state =
        outcome.kind === 'succeeded' ? 'SUCCEEDED' : outcome.kind === 'failed' ? 'FAILED' : 'CANCELLED';
      job.finishedAtNs = this.options.now();
    };
    job.done = Promise.resolve()
      .then(() => run(cancelToken))
      .then(settle, (err: unknown) => {
        this.options.onError?.(err);
        settle({ kind: 'failed', status: 500, body: INTERNAL_ERROR });
      });
    this.jobs.set(requestToken, job);
    return job;
  }

  /** The job for a token, or undefined when unknown or expired. */
  get(requestToken: string): QueryJob | undefined {
    const job = this.jobs.get(requestToken);
    if (job && this.expired(job)) {
      this.jobs.delete(requestToken);
      return undefined;
    }
    return job;
  }

  delete(requestToken: string): void {
    this.jobs.delete(requestToken);
  }

  cancel(requestToken: string): void {
    const job = this.jobs.get(requestToken);
    if (job) job.cancelToken.cancelled = true;
    this.jobs.delete(requestToken);
  }

  /** Seconds the job (or its result) stays available. */
  ttlSeconds(job: QueryJob): number {
    const j = job as MutableJob;
    if (j.finishedAtNs === undefined) return this.options.ttlSeconds;
    const left =
      (j.finishedAtNs + BigInt(this.options.ttlSeconds) * NS_PER_SECOND - this.options.now()) / NS_PER_SECOND;
    return Math.max(0, Number(left));
  }

  /** Waits until the job settles or `ms` elapse, whichever is first (0 = just look). */
  async waitFor(job: QueryJob, ms: number): Promise<void> {
    if (job.state !== 'RUNNING' || ms <= 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    });
    try {
      await Promise.race([job.done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Cancels everything and waits for running jobs to stop (before the store closes). */
  async shutdown(): Promise<void> {
    clearInterval(this.sweeper);
    await this.cancelAll();
  }

  /** Cancels every job and waits (bounded) for the running ones; pollers then get 410. */
  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()];
    for (const j of running) j.cancelToken.cancelled = true;
    this.jobs.clear();
    // Bounded: a job parked in a test gate must not hang shutdown.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(running.map((j) => j.done)),
      new Promise<void>((r) => (timer = setTimeout(r, 5_000))),
    ]);
    clearTimeout(timer);
  }

  private expired(job: MutableJob): boolean {
    return (
      job.finishedAtNs !== undefined &&
      this.options.now() >= job.finishedAtNs + BigInt(this.options.ttlSeconds) * NS_PER_SECOND
    );
  }

  private sweep(): void {
    for (const [token, job] of this.jobs) if (this.expired(job)) this.jobs.delete(token);
  }
}

const INTERNAL_ERROR = {
  error: { code: 500, message: 'An internal error occurred while executing the query.' },
};
