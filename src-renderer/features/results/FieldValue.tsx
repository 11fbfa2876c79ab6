import type { ValueFormatOptions } from '../../../src-shared/results/value-format';
import { parseJsonString } from '../../../src-shared/results/json-string';
import { jsonValueExpression } from '../../../src-shared/results/json-path';
import type { FieldType } from '../../../src-shared/grail/wire';
import { formatCell } from './columns';
import { JsonTree } from './JsonTree';

/**
 * One field's value in full: arrays and records as an expandable tree, a string holding JSON as
 * its parsed tree (inner paths copyable as DQL), anything else as its formatted text. Used by the
 * record detail panel and by a grid row's expanded cell.
 */
export function FieldValue(props: {
  value: unknown;
  name: string;
  /** Its wire type, nested types included (they type the tree's leaves). */
  fieldType: FieldType | undefined;
  display: ValueFormatOptions;
  copyDql: (dql: string) => void;
}) {
  const { value, name, fieldType, display, copyDql } = props;
  const type = fieldType?.type;
  if (value !== null && typeof value === 'object' && type !== 'timeframe')
    return <JsonTree value={value} label={name} type={fieldType} display={display} />;
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
