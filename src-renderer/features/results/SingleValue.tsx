import type { WireFieldTypeName } from '../../../src-shared/grail/wire';
import type { ValueFormatOptions } from '../../../src-shared/results/value-format';
import { formatCell } from './columns';

/** A one-cell result (`summarize count()`) as one large, formatted value. */
export function SingleValue(props: {
  field: string;
  value: unknown;
  type: WireFieldTypeName | undefined;
  display: ValueFormatOptions;
}) {
  const cell = formatCell(props.value, props.type, props.display);
  return (
    <figure className="single-value" aria-label={`Single value of ${props.field}`}>
      <div className={`single-value-number cell-${cell.kind}`}>{cell.text}</div>
      <figcaption>{props.field}</figcaption>
    </figure>
  );
}
