/** A parsed JSON value as nested, natively expandable <details> (capped so huge values stay cheap). */
const CHILD_LIMIT = 200;
const DEPTH_LIMIT = 20;

export function JsonTree({ value, label, depth = 0 }: { value: unknown; label: string; depth?: number }) {
  if (value === null || typeof value !== 'object' || depth >= DEPTH_LIMIT) {
    return (
      <div className="json-leaf">
        <span className="json-key">{label}</span>: <span className="json-value">{JSON.stringify(value)}</span>
      </div>
    );
  }
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value as Record<string, unknown>);
  const shown = entries.slice(0, CHILD_LIMIT);
  return (
    <details className="json-node" open={depth === 0}>
      <summary>
        <span className="json-key">{label}</span>{' '}
        <span className="json-shape">
          {Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`}
        </span>
      </summary>
      <div className="json-children">
        {shown.map(([key, child]) => (
          <JsonTree key={key} value={child} label={key} depth={depth + 1} />
        ))}
        {entries.length > shown.length && (
          <div className="json-more">… {entries.length - shown.length} more not shown</div>
        )}
      </div>
    </details>
  );
}
