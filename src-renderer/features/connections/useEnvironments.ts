import { useCallback, useEffect, useState } from 'react';
import type { EnvironmentList, EnvironmentSummary } from '../../../src-shared/ipc/contract';
import { invoke, on } from '../../api/client';
import { errorMessage } from '../../lib/format';

export interface EnvironmentsState {
  environments: EnvironmentSummary[];
  /** The environment queries and sends go to (the user's pick, else main's default). */
  selected: EnvironmentSummary | null;
  select: (id: string) => void;
  loading: boolean;
  loadError: string | null;
}

/** Lists environments once, then follows `environments:changed`. */
export function useEnvironments(): EnvironmentsState {
  const [list, setList] = useState<EnvironmentList | null>(null);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    let pushed = false;
    const dispose = on('environments:changed', (next) => {
      pushed = true;
      setList(next);
      setLoadError(null);
    });
    invoke('environments:list', {}).then(
      // A pushed list is newer than this answer; keep it.
      (value) => live && !pushed && setList(value),
      (err: unknown) => live && !pushed && setLoadError(errorMessage(err)),
    );
    return () => {
      live = false;
      dispose();
    };
  }, []);

  // The pick applies at once; main remembers it for the next start.
  const select = useCallback((id: string) => {
    setChosenId(id);
    invoke('environments:select', { id }).catch((err: unknown) => setLoadError(errorMessage(err)));
  }, []);

  const environments = list?.environments ?? [];
  const selected =
    environments.find((e) => e.id === chosenId) ??
    environments.find((e) => e.id === list?.selectedId) ??
    environments[0] ??
    null;

  return { environments, selected, select, loading: list === null && !loadError, loadError };
}
