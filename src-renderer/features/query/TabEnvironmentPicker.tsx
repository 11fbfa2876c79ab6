import type { EnvironmentSummary } from '../../../src-shared/ipc/contract';

interface TabEnvironmentPickerProps {
  tabTitle: string;
  environments: readonly EnvironmentSummary[];
  /** The tab's own choice; null follows the environment selected in the top bar. */
  choice: string | null;
  selected: EnvironmentSummary | null;
  onChange: (choice: string | null) => void;
}

export const FOLLOW_SELECTED = '';

/** Which environment one query tab runs against. */
export function TabEnvironmentPicker({
  tabTitle,
  environments,
  choice,
  selected,
  onChange,
}: TabEnvironmentPickerProps) {
  return (
    <select
      className="tab-environment"
      aria-label={`${tabTitle} runs on`}
      value={choice ?? FOLLOW_SELECTED}
      onChange={(e) => onChange(e.target.value === FOLLOW_SELECTED ? null : e.target.value)}
    >
      <option value={FOLLOW_SELECTED}>Selected environment{selected ? ` (${selected.name})` : ''}</option>
      {environments.map((e) => (
        <option key={e.id} value={e.id}>
          {e.name}
          {e.safety && e.safety !== 'normal' ? ` — ${e.safety}` : ''}
        </option>
      ))}
    </select>
  );
}
