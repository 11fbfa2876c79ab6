import { useState } from 'react';
import type { ResultRecord } from '../../../src-shared/grail/wire';
import { rowAsJson, rowAsTsv, tsvField } from '../../../src-shared/results/copy-text';
import { dqlFieldName, filterClause } from '../../../src-shared/results/dql-filter';
import type { ValueFormatOptions } from '../../../src-shared/results/value-format';
import type { FieldTypeLookup } from './columns';
import { copyText } from './download';
import { FieldValue } from './FieldValue';

interface RecordDetailProps {
  record: ResultRecord | null;
  /** The record's position in the result (types are per position). */
  index: number;
  columns: readonly string[];
  lookup: FieldTypeLookup;
  display: ValueFormatOptions;
  /** The field whose cell was selected; its row is highlighted. */
  field: string | undefined;
  onAddFilter?: (clause: string) => void;
  onClose: () => void;
}

/** Every field of one record, as a list with nested values expandable, or as JSON; with copy. */
export function RecordDetail(props: RecordDetailProps) {
  const { record, index, columns, lookup, display, field, onAddFilter, onClose } = props;
  const [asJson, setAsJson] = useState(false);
  const [copied, setCopied] = useState('');
  const copy = (text: string, what: string) =>
    void copyText(text).then((ok) => setCopied(ok ? `Copied ${what}.` : 'The clipboard is not available.'));
  const present = columns.filter((c) => record?.[c] !== undefined);

  return (
    <aside className="record-detail" aria-label="Record details">
      <div className="record-detail-bar" role="toolbar" aria-label="Record actions">
        <strong className="record-detail-title">Record {index + 1}</strong>
        <button type="button" className="button" aria-pressed={asJson} onClick={() => setAsJson(!asJson)}>
          JSON view
        </button>
        <button
          type="button"
          className="button"
          onClick={() => copy(rowAsJson(record), 'the record as JSON')}
        >
          Copy record as JSON
        </button>
        <button
          type="button"
          className="button"
          onClick={() => copy(rowAsTsv(record, present), 'the record as TSV')}
        >
          Copy record as TSV
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close details
        </button>
      </div>
      <p role="status" aria-label="Copy result" className="record-detail-status">
        {copied}
      </p>
      {asJson ? (
        <pre className="record-json" aria-label="Record JSON">
          {rowAsJson(record)}
        </pre>
      ) : (
        <table className="record-fields" aria-label="Record fields">
          {/* Fixed layout: a long field name wraps in its share instead of squeezing the value. */}
          <colgroup>
            <col className="record-field-name-col" />
            <col />
          </colgroup>
          <tbody>
            {present.map((name) => {
              const value = record?.[name];
              const fieldType = lookup.fieldTypeOf(index, name);
              const clause = filterClause(name, value, fieldType?.type);
              return (
                <tr key={name} className={name === field ? 'selected' : undefined}>
                  <th scope="row">{name}</th>
                  <td>
                    <FieldValue
                      value={value}
                      name={name}
                      fieldType={fieldType}
                      display={display}
                      copyDql={(dql) => copy(dql, dql)}
                    />
                    <div className="record-field-actions">
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Copy value of ${name}`}
                        onClick={() => copy(tsvField(value), `the value of ${name}`)}
                      >
                        Copy
                      </button>
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Copy field path of ${name}`}
                        title={dqlFieldName(name)}
                        onClick={() => copy(dqlFieldName(name), `the field path ${dqlFieldName(name)}`)}
                      >
                        Path
                      </button>
                      {onAddFilter && clause && (
                        <button
                          type="button"
                          className="link-button"
                          aria-label={`Add filter from ${name}`}
                          title={clause}
                          onClick={() => onAddFilter(clause)}
                        >
                          Filter
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </aside>
  );
}
