import { useCallback, useEffect, useState } from 'react';
import type { QueryHistoryEntry, RequestOf } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';

export interface QueryHistory {
  entries: readonly QueryHistoryEntry[];
  record: (run: RequestOf<'history:add'>) => void;
  star: (id: string, starred: boolean) => void;
}

/** The environment's query history, kept main-side (history:* channels). */
export function useQueryHistory(environmentId: string | null): QueryHistory {
  const [entries, setEntries] = useState<readonly QueryHistoryEntry[]>([]);

  useEffect(() => {
    if (!environmentId) return;
    let current = true;
    invoke('history:list', { environmentId }).then(
      (list) => current && setEntries(list.entries),
      () => current && setEntries([]),
    );
    return () => {
      current = false;
    };
  }, [environmentId]);

  const record = useCallback(
    (run: RequestOf<'history:add'>) => {
      // History is a convenience: a failure to record must not disturb the run. A tab may run
      // against another environment than the one whose history is shown.
      invoke('history:add', run).then(
        (list) => run.environmentId === environmentId && setEntries(list.entries),
        () => undefined,
      );
    },
    [environmentId],
  );

  const star = useCallback((id: string, starred: boolean) => {
    invoke('history:star', { id, starred }).then(
      (list) => setEntries(list.entries),
      () => undefined,
    );
  }, []);

  return { entries: environmentId ? entries : [], record, star };
}
