import { useCallback, useState } from 'react';
import type { ReactNode } from 'react';
import { looksLikeJsonText } from '../../../src-shared/results/json-string';
import type { RecordTable } from '../../../src-shared/results/record-table';
import type { ValueFormatOptions } from '../../../src-shared/results/value-format';
import type { FieldTypeLookup } from './columns';
import { copyText } from './download';
import { FieldValue } from './FieldValue';

/** Whether a cell's value can be opened in place: an array, a record, or a string holding JSON. */
export function isExpandable(value: unknown): boolean {
  if (typeof value === 'string') return looksLikeJsonText(value);
  return typeof value === 'object' && value !== null;
}

/**
 * Cells opened in place: per record (by its position in the result, so sorting keeps it), the one
 * column shown expanded below the record's row, as a tree with its inner paths copyable as DQL.
 */
export function useRowExpansion(options: {
  records: RecordTable;
  recordAt: (row: number) => number;
  columns: readonly string[];
  lookup: FieldTypeLookup;
  display: ValueFormatOptions;
}) {
  const { records, recordAt, columns, lookup, display } = options;
  const [expanded, setExpanded] = useState<ReadonlyMap<number, string>>(() => new Map());
  const [status, setStatus] = useState('');

  /** Opens the cell at (display row, visible column), or closes it if it is the one open. */
  const toggle = useCallback(
    (row: number, col: number) => {
      const record = recordAt(row);
      const column = columns[col];
      if (column === undefined || !isExpandable(records.value(record, column))) return;
      setExpanded((now) => {
        const next = new Map(now);
        if (next.get(record) === column) next.delete(record);
        else next.set(record, column);
        return next;
      });
    },
    [records, recordAt, columns],
  );
  const clear = useCallback(() => setExpanded((now) => (now.size === 0 ? now : new Map())), []);

  const renderExpansion = useCallback(
    (recordIndex: number, column: string): ReactNode => (
      <FieldValue
        value={records.value(recordIndex, column)}
        name={column}
        fieldType={lookup.fieldTypeOf(recordIndex, column)}
        display={display}
        copyDql={(dql) =>
          void copyText(dql).then((ok) => setStatus(ok ? `Copied ${dql}` : 'The clipboard is not available.'))
        }
      />
    ),
    [records, lookup, display],
  );

  return { expanded, toggle, clear, renderExpansion, status };
}
