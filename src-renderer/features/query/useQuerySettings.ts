import { useCallback, useEffect, useState } from 'react';
import { DEFAULT_QUERY_SETTINGS } from '../../../src-shared/ipc/contract';
import type { QuerySettings } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';
import { errorMessage } from '../../lib/format';

export interface QuerySettingsState {
  settings: QuerySettings;
  save: (next: QuerySettings) => Promise<string | undefined>;
}

/** The environment's query limits (kept main-side); the defaults until they have loaded. */
export function useQuerySettings(environmentId: string | null): QuerySettingsState {
  const [loaded, setLoaded] = useState<{ id: string; settings: QuerySettings } | null>(null);

  useEffect(() => {
    if (!environmentId) return;
    let current = true;
    invoke('query:getSettings', { environmentId }).then(
      (settings) => current && setLoaded({ id: environmentId, settings }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [environmentId]);

  const save = useCallback(
    async (next: QuerySettings) => {
      if (!environmentId) return 'Choose an environment first.';
      try {
        const settings = await invoke('query:saveSettings', { environmentId, settings: next });
        setLoaded({ id: environmentId, settings });
        return undefined;
      } catch (err) {
        return errorMessage(err);
      }
    },
    [environmentId],
  );

  const settings = loaded && loaded.id === environmentId ? loaded.settings : DEFAULT_QUERY_SETTINGS;
  return { settings, save };
}
