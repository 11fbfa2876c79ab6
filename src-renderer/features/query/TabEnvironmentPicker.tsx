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
  const followLabel = `Selected environment${selected ? ` (${selected.name})` : ''}`;
  const chosen = environments.find((e) => e.id === choice);
  return (
    <select
      className="tab-environment"
      aria-label={`${tabTitle} runs on`}
      // A name wider than the toolbar is cut at its edge: the tooltip still has it whole.
      title={chosen ? environmentLabel(chosen) : followLabel}
      value={choice ?? FOLLOW_SELECTED}
      onChange={(e) => onChange(e.target.value === FOLLOW_SELECTED ? null : e.target.value)}
    >
      <option value={FOLLOW_SELECTED}>{followLabel}</option>
      {environments.map((e) => (
        <option key={e.id} value={e.id}>
          {environmentLabel(e)}
        </option>
      ))}
    </select>
  );
}

function environmentLabel(e: EnvironmentSummary): string {
  return e.safety && e.safety !== 'normal' ? `${e.name} — ${e.safety}` : e.name;
}
