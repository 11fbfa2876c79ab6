import { useCallback, useRef, useState } from 'react';
import type { HealthSnapshot } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';

export type HealthCheckState =
  | { kind: 'idle' }
  | { kind: 'running'; requestId: string }
  | { kind: 'done'; snapshot: HealthSnapshot }
  | { kind: 'failed'; message: string };

interface Entry {
  environmentId: string | null;
  state: HealthCheckState;
}

let counter = 0;

/**
 * Runs the health check main-side (all panels) for one environment. A result lands only if its run
 * is still the current one for that environment; another environment's result reads as idle. Runs
 * are not cancelled from effect clean-ups (StrictMode runs those on mount), only by the user or by
 * starting the next run.
 */
export function useHealthCheck(environmentId: string | null) {
  const [entry, setEntry] = useState<Entry>({ environmentId, state: { kind: 'idle' } });
  const state: HealthCheckState = entry.environmentId === environmentId ? entry.state : { kind: 'idle' };
  const inFlight = useRef<string | null>(null);

  const run = useCallback(
    async (timeframe: { defaultTimeframeStart: string; defaultTimeframeEnd: string }) => {
      if (!environmentId) return;
      if (inFlight.current) void invoke('health:cancel', { requestId: inFlight.current }).catch(() => {});
      const requestId = `health-${Date.now()}-${++counter}`;
      inFlight.current = requestId;
      const settle = (next: HealthCheckState) =>
        setEntry((e) =>
          e.environmentId === environmentId && e.state.kind === 'running' && e.state.requestId === requestId
            ? { environmentId, state: next }
            : e,
        );
      setEntry({ environmentId, state: { kind: 'running', requestId } });
      try {
        const snapshot = await invoke('health:run', {
          requestId,
          environmentId,
          timeframeStart: timeframe.defaultTimeframeStart,
          timeframeEnd: timeframe.defaultTimeframeEnd,
        });
        settle({ kind: 'done', snapshot });
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        settle(isCancelled(err) ? { kind: 'idle' } : { kind: 'failed', message });
      } finally {
        if (inFlight.current === requestId) inFlight.current = null;
      }
    },
    [environmentId],
  );

  const cancel = useCallback(() => {
    if (inFlight.current) void invoke('health:cancel', { requestId: inFlight.current }).catch(() => {});
  }, []);

  return { state, run, cancel };
}

function isCancelled(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'CANCELLED';
}
