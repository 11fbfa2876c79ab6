import './health.css';

export type AppView = 'explore' | 'health';

const VIEWS: ReadonlyArray<readonly [AppView, string]> = [
  ['explore', 'Explore'],
  ['health', 'Ingestion health'],
];

/** The top-level switch between the query + composer workspace and the ingestion-health view. */
export function ViewSwitch({ value, onChange }: { value: AppView; onChange: (view: AppView) => void }) {
  return (
    <nav className="view-switch" aria-label="Views">
      {VIEWS.map(([id, label]) => (
        <button
          key={id}
          type="button"
          className="view-switch-button"
          aria-pressed={value === id}
          onClick={() => onChange(id)}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}
