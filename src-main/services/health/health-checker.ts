/**
 * Runs the ingestion-health panels' DQL through the same QueryService the editor uses, against the
 * selected environment, and turns the results into findings. The latest snapshot per environment is
 * kept for the report. A failing panel is a finding, not a failed check: the others still count.
 */
import { randomUUID } from 'node:crypto';
import { AppError, toErrorData } from '../../../src-shared/errors';
import type { QueryResult } from '../../../src-shared/grail/wire';
import { findingsFrom } from '../../../src-shared/health/findings';
import {
  chooseInterval,
  panelQueries,
  previousPeriod,
  type PanelQuery,
} from '../../../src-shared/health/queries';
import { duplicatesFrom, missingFrom, providersFrom, volumeFrom } from '../../../src-shared/health/panels';
import { sizesFrom } from '../../../src-shared/health/sizes';
import type {
  HealthPanelId,
  HealthPanelRun,
  HealthRunRequest,
  HealthSnapshot,
  Period,
} from '../../../src-shared/ipc/contract';
import { redactText } from '../../platform/redaction';
import type { QueryRunner } from '../arrival-service';

interface PanelOutcome {
  run: HealthPanelRun;
  result?: QueryResult;
}

export class HealthChecker {
  private readonly running = new Map<string, AbortController>();
  private readonly latestByEnvironment = new Map<string, HealthSnapshot>();

  constructor(
    private readonly queries: QueryRunner,
    private readonly now: () => number = performance.now.bind(performance),
  ) {}

  async run(req: HealthRunRequest, outer: AbortSignal): Promise<HealthSnapshot> {
    if (this.running.has(req.requestId))
      throw new AppError('DUPLICATE_REQUEST', 'This health check is already running.');
    const controller = new AbortController();
    const signal = AbortSignal.any([controller.signal, outer]);
    this.running.set(req.requestId, controller);
    const started = this.now();
    try {
      const current: Period = {
        start: new Date(req.timeframeStart).toISOString(),
        end: new Date(req.timeframeEnd).toISOString(),
      };
      const previous = previousPeriod(current);
      const panels = panelQueries(current, previous);
      // The panels are independent: run them side by side.
      const outcomes = await Promise.all(panels.map((p) => this.runPanel(req.environmentId, p, signal)));
      if (signal.aborted) throw new AppError('CANCELLED', 'The health check was cancelled.');
      const by = (id: HealthPanelId) => outcomes.find((o) => o.run.id === id)?.result?.records;
      const records = {
        volume: by('volume'),
        providers: by('providers'),
        missing: by('missing'),
        duplicates: by('duplicates'),
        sizes: by('sizes'),
      };
      const parts = {
        panels: outcomes.map((o) => o.run),
        volume: records.volume
          ? volumeFrom(
              records.volume,
              current,
              chooseInterval(Date.parse(current.end) - Date.parse(current.start)).ms,
            )
          : null,
        providers: records.providers ? providersFrom(records.providers) : null,
        missing: records.missing ? missingFrom(records.missing) : null,
        duplicates: records.duplicates ? duplicatesFrom(records.duplicates) : null,
        sizes: records.sizes ? sizesFrom(records.sizes) : null,
      };
      const snapshot: HealthSnapshot = {
        environmentId: req.environmentId,
        ranAt: new Date().toISOString(),
        current,
        previous,
        durationMs: Math.round(this.now() - started),
        ...parts,
        findings: findingsFrom(parts),
      };
      this.latestByEnvironment.set(req.environmentId, snapshot);
      return snapshot;
    } finally {
      this.running.delete(req.requestId);
    }
  }

  cancel(requestId: string): boolean {
    const run = this.running.get(requestId);
    if (!run) return false;
    run.abort();
    return true;
  }

  latest(environmentId: string): HealthSnapshot | undefined {
    return this.latestByEnvironment.get(environmentId);
  }

  private async runPanel(
    environmentId: string,
    panel: PanelQuery,
    signal: AbortSignal,
  ): Promise<PanelOutcome> {
    const started = this.now();
    const base = { id: panel.id, title: panel.title, query: panel.query };
    try {
      const outcome = await this.queries.execute(
        {
          requestId: `health-${randomUUID()}`,
          environmentId,
          query: panel.query,
          maxResultRecords: panel.maxResultRecords,
        },
        { signal, emit: () => {} },
      );
      const durationMs = Math.round(this.now() - started);
      if (outcome.state === 'CANCELLED' || !outcome.result)
        return {
          run: {
            ...base,
            durationMs,
            records: 0,
            truncated: false,
            error: { code: 'CANCELLED', message: 'Cancelled.' },
          },
        };
      const records = outcome.result.records.length;
      return {
        run: { ...base, durationMs, records, truncated: records >= panel.maxResultRecords },
        result: outcome.result,
      };
    } catch (err) {
      const data = toErrorData(err);
      return {
        run: {
          ...base,
          durationMs: Math.round(this.now() - started),
          records: 0,
          truncated: false,
          error: { code: data.code, message: redactText(data.message) },
        },
      };
    }
  }
}
