import { useState } from 'react';
import type { FormEvent } from 'react';
import { InlineForm } from '../../lib/InlineForm';

interface SaveQueryFormProps {
  defaultName: string;
  environmentName: string | null;
  onSave: (name: string, global: boolean) => Promise<string | undefined>;
  onClose: () => void;
}

/** Names the tab's query and saves it for this environment or for all of them. */
export function SaveQueryForm({ defaultName, environmentName, onSave, onClose }: SaveQueryFormProps) {
  const [name, setName] = useState(defaultName);
  const [global, setGlobal] = useState(environmentName === null);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!name.trim()) {
      setError('Give the query a name.');
      return;
    }
    const problem = await onSave(name.trim(), global);
    if (problem) setError(problem);
    else onClose();
  };

  return (
    <InlineForm
      title="Save query"
      submitLabel="Save"
      error={error}
      onSubmit={(e) => void submit(e)}
      onClose={onClose}
    >
      <label>
        Name
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={global}
          disabled={environmentName === null}
          onChange={(e) => setGlobal(e.target.checked)}
        />
        For all environments{environmentName ? ` (otherwise only ${environmentName})` : ''}
      </label>
    </InlineForm>
  );
}
