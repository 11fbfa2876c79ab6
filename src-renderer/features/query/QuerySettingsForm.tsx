import { useState } from 'react';
import type { FormEvent } from 'react';
import { InlineForm } from '../../lib/InlineForm';
import { QuerySettings } from '../../../src-shared/ipc/contract';

interface QuerySettingsFormProps {
  environmentName: string;
  settings: QuerySettings;
  onSave: (next: QuerySettings) => Promise<string | undefined>;
  onClose: () => void;
}

/** The environment's limits: sent with every run; the scan limit is also the cost guard's budget. */
export function QuerySettingsForm({ environmentName, settings, onSave, onClose }: QuerySettingsFormProps) {
  const [records, setRecords] = useState(String(settings.maxResultRecords));
  const [bytes, setBytes] = useState(String(settings.maxResultBytes));
  const [scan, setScan] = useState(String(settings.scanLimitGBytes));
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = QuerySettings.safeParse({
      maxResultRecords: Number(records),
      maxResultBytes: Number(bytes),
      scanLimitGBytes: Number(scan),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = {
        maxResultRecords: 'Max records',
        maxResultBytes: 'Max bytes',
        scanLimitGBytes: 'Scan limit',
      }[String(issue?.path[0]) as keyof QuerySettings];
      setError(`${field ?? 'A value'}: ${issue?.message ?? 'not valid'}.`);
      return;
    }
    const problem = await onSave(parsed.data);
    if (problem) setError(problem);
    else onClose();
  };

  return (
    <InlineForm
      title={`Query limits for ${environmentName}`}
      submitLabel="Save limits"
      error={error}
      onSubmit={(e) => void submit(e)}
      onClose={onClose}
      noValidate
    >
      <label>
        Max records
        <input
          type="number"
          min={1}
          step={1}
          value={records}
          onChange={(e) => setRecords(e.target.value)}
          autoFocus
        />
      </label>
      <label>
        Max bytes
        <input type="number" min={1} step={1} value={bytes} onChange={(e) => setBytes(e.target.value)} />
      </label>
      <label>
        Scan limit (GB)
        <input type="number" min={0.001} step="any" value={scan} onChange={(e) => setScan(e.target.value)} />
      </label>
      <p className="hint">
        The scan limit is Grail&apos;s default for queries without their own <code>scanLimitGBytes:</code>,
        and the budget Bizlens warns about before a run.
      </p>
    </InlineForm>
  );
}
