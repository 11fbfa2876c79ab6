import { useCallback, useEffect, useState } from 'react';
import type { SavedQuery } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';
import { errorMessage } from '../../lib/format';

export interface SavedQueries {
  queries: readonly SavedQuery[];
  /** Resolves to a problem to show, or undefined once saved. */
  save: (name: string, query: string, environmentId: string | null) => Promise<string | undefined>;
  remove: (id: string) => void;
}

/** Saved queries visible from an environment: its own and the global ones (kept main-side). */
export function useSavedQueries(viewer: string | null): SavedQueries {
  const [queries, setQueries] = useState<readonly SavedQuery[]>([]);

  useEffect(() => {
    let current = true;
    invoke('saved:list', { environmentId: viewer }).then(
      (list) => current && setQueries(list.queries),
      () => current && setQueries([]),
    );
    return () => {
      current = false;
    };
  }, [viewer]);

  const save = useCallback(
    async (name: string, query: string, environmentId: string | null) => {
      try {
        const list = await invoke('saved:save', { name, query, environmentId, viewer });
        setQueries(list.queries);
        return undefined;
      } catch (err) {
        return errorMessage(err);
      }
    },
    [viewer],
  );

  const remove = useCallback(
    (id: string) => {
      invoke('saved:remove', { id, environmentId: viewer }).then(
        (list) => setQueries(list.queries),
        () => undefined,
      );
    },
    [viewer],
  );

  return { queries, save, remove };
}
