/** Accumulates the findings of one connection test: checks, server clock samples, missing scopes. */
import type { CheckStatus, DiagnosticCheck } from '../../../src-shared/ipc/contract';
import { redactText } from '../../platform/redaction';

export class Collector {
  readonly checks: DiagnosticCheck[] = [];
  readonly missing = new Set<string>();
  readonly granted = new Set<string>();
  private readonly skews: number[] = [];

  constructor(readonly now: () => number = Date.now) {}

  add(id: string, label: string, status: CheckStatus, message: string, startedAt?: number): void {
    this.checks.push({
      id,
      label,
      status,
      // Messages may quote server answers; they pass the one redaction function like everything else.
      message: redactText(message),
      ...(startedAt === undefined ? {} : { durationMs: Math.round(this.now() - startedAt) }),
    });
  }

  /** Records a server `Date` header seen between sentAt and receivedAt (epoch ms). */
  serverDate(date: string | null, sentAt: number, receivedAt: number): void {
    const server = date ? Date.parse(date) : NaN;
    if (Number.isFinite(server)) this.skews.push((server - (sentAt + receivedAt) / 2) / 1000);
  }

  /** Median skew in whole seconds (server minus local), or null without samples. */
  clockSkewSeconds(): number | null {
    if (this.skews.length === 0) return null;
    const sorted = [...this.skews].sort((a, b) => a - b);
    return Math.round(sorted[Math.floor(sorted.length / 2)]!);
  }
}
