import { useState } from 'react';
import type { FormEvent } from 'react';
import { InlineForm } from '../../lib/InlineForm';

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
    <InlineForm
      title="Save as template"
      submitLabel="Save template"
      error={error}
      onSubmit={submit}
      onClose={onClose}
    >
      <label>
        Template name
        <input value={name} maxLength={200} onChange={(e) => setName(e.target.value)} autoFocus />
      </label>
    </InlineForm>
  );
}
