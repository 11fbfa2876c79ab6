import { useId, useState } from 'react';
import type { FormEvent } from 'react';

interface SaveTemplateFormProps {
  onSave: (name: string) => void;
  onClose: () => void;
}

/**
 * Names the payload to keep as a template. A form of its own, not window.prompt: Electron does not
 * implement prompt() (it throws), so in the desktop edition "Save as template" did nothing.
 */
export function SaveTemplateForm({ onSave, onClose }: SaveTemplateFormProps) {
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const headingId = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Give the template a name.');
      return;
    }
    onSave(trimmed);
    onClose();
  };

  return (
    <form
      className="query-settings"
      aria-labelledby={headingId}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || e.defaultPrevented) return;
        e.preventDefault();
        onClose();
      }}
      onSubmit={submit}
    >
      <h3 id={headingId}>Save as template</h3>
      <label>
        Template name
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} autoFocus />
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
          Save template
        </button>
      </div>
    </form>
  );
}
