import { useId, useState } from 'react';
import type { FormEvent } from 'react';

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
  const headingId = useId();

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
    <form
      className="query-settings"
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        // Esc closes the form, as Cancel does (and does not also cancel a running query).
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onClose();
      }}
      onSubmit={(e) => void submit(e)}
    >
      <h3 id={headingId}>Save query</h3>
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
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="toolbar">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary">
          Save
        </button>
      </div>
    </form>
  );
}
