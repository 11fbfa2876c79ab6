import { useCallback, useEffect, useRef, useState } from 'react';
import type { IngestContentType } from '../../../src-shared/grail/wire';
import type { EnvironmentSummary, IngestArrivalOutcome } from '../../../src-shared/ipc/contract';
import { invoke, on } from '../../api/client';
import { errorMessage, utf8Length } from '../../lib/format';
import { expectedCounts, planArrival } from './arrival-plan';
import { nowNs } from './preview';
import { summarizeSend, type SendSummary } from './send-summary';

/** How long to wait for sent events to become queryable before saying they are not. */
export const ARRIVAL_TIMEOUT_MS = 60_000;

export type ArrivalState =
  | { phase: 'checking'; found: number; expected: number; elapsedMs: number }
  | { phase: 'done'; outcome: IngestArrivalOutcome; untracked: number }
  | { phase: 'untracked'; untracked: number }
  | { phase: 'failed'; message: string };

export type SendState =
  | { phase: 'idle' }
  | { phase: 'sending' }
  | { phase: 'sent'; summary: SendSummary; sentText: string; arrival?: ArrivalState }
  | { phase: 'failed'; message: string };

export interface SendInput {
  environment: EnvironmentSummary;
  body: string;
  contentType: IngestContentType;
  /** Query for the sent event.ids afterwards until they are queryable. */
  confirmArrival: boolean;
  confirmProduction?: true;
}

/**
 * Sends a payload with `ingest:send`, then (optionally) confirms arrival: counts the ids before
 * sending (they may already exist), and after the acknowledgement asks main to poll until the new
 * events are queryable. Only the latest send's story is shown; a new send cancels the old poll.
 */
export function useIngestSend() {
  const [state, setState] = useState<SendState>({ phase: 'idle' });
  const latest = useRef(0);
  const polling = useRef<string | null>(null);

  const stopPolling = useCallback(() => {
    const id = polling.current;
    polling.current = null;
    if (id) void invoke('ingest:cancelArrival', { requestId: id }).catch(() => undefined);
  }, []);
  useEffect(() => stopPolling, [stopPolling]);

  const send = useCallback(
    async (input: SendInput) => {
      stopPolling();
      const ticket = ++latest.current;
      const current = () => ticket === latest.current;
      const update = (arrival: ArrivalState) =>
        current() && setState((s) => (s.phase === 'sent' ? { ...s, arrival } : s));
      setState({ phase: 'sending' });

      const { environment, body, contentType } = input;
      const fullPlan = planArrival(body, contentType, nowNs());
      const plan = input.confirmArrival ? fullPlan : undefined;
      const window = plan && {
        environmentId: environment.id,
        timeframeStart: plan.timeframeStart,
        timeframeEnd: plan.timeframeEnd,
      };
      // The baseline count must happen before the send; failing to count only loses the confirmation.
      let baseline: Record<string, number> | Error | undefined;
      if (plan && window && plan.tracked.length > 0) {
        baseline = await invoke('ingest:countEvents', {
          ...window,
          eventIds: [...new Set(plan.tracked.map((t) => t.eventId))].slice(0, 10_000),
        }).then(
          (r) => r.counts,
          (err: unknown) => new Error(errorMessage(err)),
        );
      }

      let summary: SendSummary;
      try {
        const response = await invoke('ingest:send', {
          environmentId: environment.id,
          body,
          contentType,
          ...(input.confirmProduction ? { confirmProduction: true as const } : {}),
        });
        summary = summarizeSend(response, {
          authKind: environment.authKind,
          bytes: utf8Length(body),
          eventCount: fullPlan?.items ?? 1,
        });
      } catch (err) {
        if (current()) setState({ phase: 'failed', message: errorMessage(err) });
        return;
      }
      if (!current()) return;
      setState({ phase: 'sent', summary, sentText: body });
      if (!plan || !window) return;

      const rejected = new Set(summary.problems.flatMap((p) => (p.index === undefined ? [] : [p.index])));
      const stored = summary.accepted ? plan.items : rejected.size > 0 ? plan.items - rejected.size : 0;
      if (stored <= 0) return;
      if (plan.tracked.length === 0) return update({ phase: 'untracked', untracked: plan.untracked });
      if (baseline instanceof Error)
        return update({ phase: 'failed', message: `Could not count existing events: ${baseline.message}` });
      const expected = expectedCounts(plan, baseline ?? {}, rejected);
      if (expected.length === 0) return;
      await confirm(expected, plan.untracked);

      async function confirm(list: Array<{ eventId: string; count: number }>, untracked: number) {
        const requestId = `arrival-${crypto.randomUUID()}`;
        polling.current = requestId;
        const total = list.reduce((n, e) => n + e.count, 0);
        update({ phase: 'checking', found: 0, expected: total, elapsedMs: 0 });
        const dispose = on('ingest:arrivalProgress', (p) => {
          if (p.requestId === requestId)
            update({ phase: 'checking', found: p.found, expected: p.expected, elapsedMs: p.elapsedMs });
        });
        try {
          const outcome = await invoke('ingest:confirmArrival', {
            ...window!,
            requestId,
            expected: list,
            timeoutMs: ARRIVAL_TIMEOUT_MS,
          });
          if (outcome.state !== 'cancelled') update({ phase: 'done', outcome, untracked });
        } catch (err) {
          update({ phase: 'failed', message: errorMessage(err) });
        } finally {
          dispose();
          if (polling.current === requestId) polling.current = null;
        }
      }
    },
    [stopPolling],
  );

  return { state, send };
}
