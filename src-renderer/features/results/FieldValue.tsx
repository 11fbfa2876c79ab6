import type { ValueFormatOptions } from '../../../src-shared/results/value-format';
import { parseJsonString } from '../../../src-shared/results/json-string';
import { jsonValueExpression } from '../../../src-shared/results/json-path';
import { formatCell, type FieldTypeLookup } from './columns';
import { JsonTree } from './JsonTree';

/**
 * One field's value in full: arrays and records as an expandable tree, a string holding JSON as
 * its parsed tree (inner paths copyable as DQL), anything else as its formatted text. Used by the
 * record detail panel and by a grid row's expanded cell.
 */
export function FieldValue(props: {
  value: unknown;
  name: string;
  type: ReturnType<FieldTypeLookup['typeOf']>;
  display: ValueFormatOptions;
  copyDql: (dql: string) => void;
}) {
  const { value, name, type, display, copyDql } = props;
  if (value !== null && typeof value === 'object' && type !== 'timeframe')
    return <JsonTree value={value} label={name} />;
  const parsed = parseJsonString(value);
  if (parsed.ok)
    return (
      <>
        <span className="json-badge" title="A string holding JSON, shown parsed">
          JSON text
        </span>
        <JsonTree
          value={parsed.value}
          label={name}
          actions={{ dqlFor: (path) => jsonValueExpression(name, path), copy: copyDql }}
        />
      </>
    );
  const cell = formatCell(value, type, display);
  return <span className={`cell-${cell.kind}`}>{cell.text}</span>;
}
