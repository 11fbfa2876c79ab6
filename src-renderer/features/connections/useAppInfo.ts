import { useCallback, useEffect, useState } from 'react';
import type { AppInfo } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';
import { errorMessage } from '../../lib/format';

export interface AppInfoState {
  info: AppInfo | null;
  /** Why app info could not be loaded (plain words), if it could not. */
  loadError: string | null;
  /** Explicit user choice: keep secrets in memory for this session only. */
  chooseSessionOnlySecrets: () => Promise<void>;
  sessionOnlyError: string | null;
}

export function useAppInfo(): AppInfoState {
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [sessionOnlyError, setSessionOnlyError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    invoke('app:getInfo', {}).then(
      (value) => live && setInfo(value),
      (err: unknown) => live && setLoadError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, []);

  const chooseSessionOnlySecrets = useCallback(async () => {
    setSessionOnlyError(null);
    try {
      const secretBackend = await invoke('secrets:useSessionOnly', {});
      setInfo((current) => (current ? { ...current, secretBackend } : current));
    } catch (err) {
      setSessionOnlyError(errorMessage(err));
    }
  }, []);

  return { info, loadError, chooseSessionOnlySecrets, sessionOnlyError };
}
