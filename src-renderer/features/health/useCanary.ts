import { useCallback, useEffect, useState } from 'react';
import type { CanaryRun, CanaryStatus } from '../../../src-shared/ipc/contract';
import { invoke, on } from '../../api/client';

/** The canary probe of one environment: its main-side status and history, runs and interval. */
export function useCanary(environmentId: string | null) {
  const [loaded, setStatus] = useState<CanaryStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setError] = useState<{ environmentId: string | null; message: string } | null>(null);
  // Another environment's status or error does not show for this one.
  const status = loaded?.environmentId === environmentId ? loaded : null;
  const error = failure?.environmentId === environmentId ? failure.message : null;

  useEffect(() => {
    if (!environmentId) return;
    let live = true;
    void invoke('health:canaryStatus', { environmentId })
      .then((s) => live && setStatus(s))
      .catch((err: unknown) => live && setError({ environmentId, message: messageOf(err) }));
    // Interval runs finish without a caller: main publishes each run.
    const off = on('health:canaryResult', (run: CanaryRun) => {
      if (run.environmentId !== environmentId) return;
      setStatus((s) =>
        s && !s.history.some((r) => r.id === run.id) ? { ...s, history: [...s.history, run].slice(-50) } : s,
      );
    });
    return () => {
      live = false;
      off();
    };
  }, [environmentId]);

  const runNow = useCallback(
    async (confirmProduction: boolean) => {
      if (!environmentId) return;
      setBusy(true);
      setError(null);
      try {
        await invoke('health:canaryRun', {
          environmentId,
          ...(confirmProduction ? { confirmProduction: true as const } : {}),
        });
        setStatus(await invoke('health:canaryStatus', { environmentId }));
      } catch (err) {
        setError({ environmentId, message: messageOf(err) });
      } finally {
        setBusy(false);
      }
    },
    [environmentId],
  );

  const schedule = useCallback(
    async (intervalSeconds: number | null, confirmProduction: boolean) => {
      if (!environmentId) return;
      setError(null);
      try {
        setStatus(
          await invoke('health:canarySchedule', {
            environmentId,
            intervalSeconds,
            ...(confirmProduction ? { confirmProduction: true as const } : {}),
          }),
        );
      } catch (err) {
        setError({ environmentId, message: messageOf(err) });
      }
    },
    [environmentId],
  );

  return { status, busy, error, runNow, schedule };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
