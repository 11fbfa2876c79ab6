import { useState } from 'react';
import type { RecordTable } from '../../../src-shared/results/record-table';
import type { ValueFormatOptions } from '../../../src-shared/results/value-format';
import { errorMessage } from '../../lib/format';
import { formatCell, type FieldTypeLookup } from './columns';
import { downloadBlob } from './download';
import { buildExport, exportParquet } from './export-runner';
import type { ExportChoice } from './ResultsToolbar';

interface ExportInput {
  records: RecordTable;
  /** Record positions in display order (sort and filter), or undefined for the natural order. */
  rows: Int32Array | undefined;
  rowCount: number;
  columns: string[];
  shownColumns: string[];
  lookup: FieldTypeLookup;
  display: ValueFormatOptions;
}

/** Export of the loaded records as shown (order, filter, visible columns), with progress. */
export function useResultExport(input: ExportInput) {
  const { records, rows, rowCount, columns, shownColumns, lookup, display } = input;
  const [exporting, setExporting] = useState<{ done: number; total: number } | undefined>(undefined);
  const [message, setMessage] = useState('');

  const exportText = async (choice: Exclude<ExportChoice, 'parquet'>, stamp: string) => {
    const format = choice === 'csv-formatted' ? 'csv' : choice;
    const csvFormat =
      choice === 'csv-formatted'
        ? (value: unknown, at: number, field: string) =>
            formatCell(value, lookup.typeOf(at, field), display).text
        : undefined;
    const blob = await buildExport(
      {
        format,
        records,
        columns: shownColumns,
        rows,
        csvFormat,
        // Hidden columns stay out of every format; with none hidden, records go out whole.
        fields: shownColumns.length < columns.length ? shownColumns : undefined,
      },
      (done, total) => setExporting({ done, total }),
    );
    if (!blob) return;
    const fileName = `bizlens-result-${stamp}.${format}`;
    downloadBlob(blob, fileName);
    // Said as for Parquet: without it a CSV or JSON export left no word that anything happened.
    setMessage(`Downloaded ${fileName}.`);
  };

  const exportAs = async (choice: ExportChoice) => {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    setMessage('');
    setExporting({ done: 0, total: rowCount });
    try {
      if (choice === 'parquet') {
        const done = await exportParquet(
          {
            records,
            rows,
            columns: shownColumns.map((name) => ({ name, type: lookup.columnType(name) })),
            fileName: `bizlens-result-${stamp}.parquet`,
          },
          (written, total) => setExporting({ done: written, total }),
        );
        setMessage(done);
      } else await exportText(choice, stamp);
    } catch (err) {
      setMessage(errorMessage(err));
    } finally {
      setExporting(undefined);
    }
  };

  return { exportAs, exporting, message };
}
