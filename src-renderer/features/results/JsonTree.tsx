/** A parsed JSON value as nested, natively expandable <details> (capped so huge values stay cheap). */
import type { FieldType } from '../../../src-shared/grail/wire';
import type { JsonPathStep } from '../../../src-shared/results/json-path';
import { childType } from '../../../src-shared/results/nested-types';
import type { ValueFormatOptions } from '../../../src-shared/results/value-format';
import { formatCell } from './columns';

const CHILD_LIMIT = 200;
const DEPTH_LIMIT = 20;

/** For JSON text: the DQL that reads a path, and what to do with it (copy). */
export interface JsonPathActions {
  dqlFor: (path: readonly JsonPathStep[]) => string | undefined;
  copy: (dql: string) => void;
}

interface JsonTreeProps {
  value: unknown;
  label: string;
  path?: readonly JsonPathStep[];
  actions?: JsonPathActions;
  /**
   * The wire type of a query result's array or record: leaves show as the grid shows them (a long
   * arrives as a JSON string, a timestamp as RFC 3339 text). JSON text has none: leaves as written.
   */
  type?: FieldType | undefined;
  display?: ValueFormatOptions | undefined;
}

export function JsonTree({ value, label, path = [], actions, type, display }: JsonTreeProps) {
  const dql = actions?.dqlFor(path);
  const copyButton = dql !== undefined && actions && (
    <button
      type="button"
      className="link-button"
      aria-label={`Copy DQL for ${[label, ...path].join('.')}`}
      title={dql}
      onClick={() => actions.copy(dql)}
    >
      DQL
    </button>
  );
  if (value === null || typeof value !== 'object' || path.length >= DEPTH_LIMIT) {
    return (
      <div className="json-leaf">
        <span className="json-key">{path.length > 0 ? String(path.at(-1)) : label}</span>:{' '}
        <span className="json-value">{leafText(value, type, display)}</span> {copyButton}
      </div>
    );
  }
  const entries: [JsonPathStep, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value as Record<string, unknown>);
  const shown = entries.slice(0, CHILD_LIMIT);
  return (
    <details className="json-node" open={path.length === 0}>
      <summary>
        <span className="json-key">{path.length > 0 ? String(path.at(-1)) : label}</span>{' '}
        <span className="json-shape">
          {Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`}
        </span>{' '}
        {copyButton}
      </summary>
      <div className="json-children">
        {shown.map(([key, child]) => (
          <JsonTree
            key={key}
            value={child}
            label={label}
            path={[...path, key]}
            actions={actions}
            type={childType(type, key)}
            display={display}
          />
        ))}
        {entries.length > shown.length && (
          <div className="json-more">… {entries.length - shown.length} more not shown</div>
        )}
      </div>
    </details>
  );
}

/** Strings stay quoted (a tree of JSON); typed scalar leaves read as in the grid. */
function leafText(
  value: unknown,
  type: FieldType | undefined,
  display: ValueFormatOptions | undefined,
): string {
  if (!type || type.type === 'string' || value === null || typeof value === 'object')
    return JSON.stringify(value);
  return formatCell(value, type.type, display).text;
}
