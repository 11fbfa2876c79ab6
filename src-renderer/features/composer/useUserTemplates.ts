import { useCallback, useEffect, useState } from 'react';
import type { IngestContentType } from '../../../src-shared/grail/wire';
import type { UserTemplate } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';
import { errorMessage } from '../../lib/format';

/** The user's saved templates, kept main-side (`templates:*`); errors become a message, not a throw. */
export function useUserTemplates() {
  const [templates, setTemplates] = useState<UserTemplate[]>([]);
  const [error, setError] = useState<string | null>(null);

  const run = useCallback((call: Promise<{ templates: UserTemplate[] }>) => {
    call.then(
      (r) => {
        setTemplates(r.templates);
        setError(null);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  }, []);

  useEffect(() => run(invoke('templates:list', {})), [run]);

  const save = useCallback(
    (name: string, contentType: IngestContentType, body: string) =>
      run(invoke('templates:save', { name, contentType, body })),
    [run],
  );
  const remove = useCallback((id: string) => run(invoke('templates:remove', { id })), [run]);

  return { templates, error, save, remove };
}
