import { useId } from 'react';
import { TIMEFRAME_PRESETS, toLocalInput } from './timeframe';
import type { PresetId, TimeframeChoice } from './timeframe';

interface TimeframePickerProps {
  value: TimeframeChoice;
  onChange: (value: TimeframeChoice) => void;
  /** Timeframe parameters the query sets itself (`from`, `timeframe`…): they win over the picker. */
  overriddenBy: readonly string[];
  /** Why the absolute range cannot be used, if it cannot. */
  error?: string | undefined;
}

const CUSTOM = 'custom';

/**
 * Relative presets or an absolute range; sent as defaultTimeframeStart/End. Says so when the
 * query's own `from:`/`to:`/`timeframe:` overrides it.
 */
export function TimeframePicker({ value, onChange, overriddenBy, error }: TimeframePickerProps) {
  const hintId = useId();
  const choose = (id: string) => {
    if (id !== CUSTOM) return onChange({ kind: 'relative', preset: id as PresetId });
    const now = Date.now();
    onChange({ kind: 'absolute', from: toLocalInput(now - 2 * 3_600_000), to: toLocalInput(now) });
  };
  const overridden = overriddenBy.length > 0;
  return (
    <div className="timeframe-picker">
      <label className="inline-label">
        Timeframe
        <select
          value={value.kind === 'relative' ? value.preset : CUSTOM}
          onChange={(e) => choose(e.target.value)}
          aria-describedby={overridden ? hintId : undefined}
        >
          {TIMEFRAME_PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value={CUSTOM}>Custom range…</option>
        </select>
      </label>
      {value.kind === 'absolute' && (
        <>
          <label className="inline-label">
            From
            <input
              type="datetime-local"
              value={value.from}
              onChange={(e) => onChange({ ...value, from: e.target.value })}
            />
          </label>
          <label className="inline-label">
            To
            <input
              type="datetime-local"
              value={value.to}
              onChange={(e) => onChange({ ...value, to: e.target.value })}
            />
          </label>
        </>
      )}
      {error && (
        <span className="hint hint-error" role="alert">
          {error}
        </span>
      )}
      {overridden && (
        <span id={hintId} className="hint timeframe-override" role="note">
          The query sets its own {overriddenBy.map((n) => `${n}:`).join(' / ')}, which overrides this
          timeframe.
        </span>
      )}
    </div>
  );
}
