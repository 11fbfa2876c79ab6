import { memo } from 'react';
import type { ReactNode } from 'react';
import { looksLikeJsonText } from '../../../src-shared/results/json-string';
import type { RecordTable } from '../../../src-shared/results/record-table';
import type { CellTextCache } from './cell-text-cache';
import { columnClass } from './column-sheet';

const CELL_TEXT_LIMIT = 1000;

/** One drawn column: its name, display position, and the gap before it (virtualized columns). */
export interface DrawnColumn {
  id: string;
  /** Position among the visible columns (aria-colindex − 1). */
  index: number;
  /** Space left for the virtualized columns before the first one drawn. */
  margin: number;
  pinned: boolean;
}

interface GridRowProps {
  records: RecordTable;
  /** The record's position in the result (types are per position). */
  recordIndex: number;
  /** The display position (after sort and filter). */
  position: number;
  /** The gap before this row: the first row drawn leaves room for the rows above it. */
  offset: number | undefined;
  drawn: readonly DrawnColumn[];
  cells: CellTextCache;
  /** The selected columns on this row (undefined when the row is outside the selection). */
  selLeft: number | undefined;
  selRight: number | undefined;
  /** The focused column when the focus is on this row. */
  focusCol: number | undefined;
  /** Visible-column indexes of this row's search matches, and the current match's column. */
  matchCols: readonly number[] | undefined;
  currentMatchCol: number | undefined;
  /** The column whose value is shown expanded below this row's cells, if any. */
  expandedColumn: string | undefined;
  /** The expanded value's content (stable: rows re-render only when their own props change). */
  renderExpansion: (recordIndex: number, column: string) => ReactNode;
}

/**
 * A row of the grid, memoized: while scrolling only the rows that come into view render, and a
 * selection change re-renders only the rows it touches. Cells carry no inline style and no
 * handlers (widths come from the grid's column sheet, mouse events are delegated to the body),
 * so a new cell costs its element, its text and a shared style.
 */
export const GridRow = memo(function GridRow(props: GridRowProps) {
  const { records, recordIndex, position, offset, drawn, cells } = props;
  const { selLeft, selRight, focusCol, matchCols, currentMatchCol, expandedColumn } = props;
  const rowSelected = selLeft !== undefined;
  return (
    <tr
      role="row"
      aria-rowindex={position + 2}
      className={`${position % 2 ? 'odd' : ''}${rowSelected ? ' selected-row' : ''}${expandedColumn !== undefined ? ' expanded-row' : ''}`}
      style={offset ? { marginTop: offset } : undefined}
    >
      {drawn.map(({ id, index: col, margin, pinned }) => {
        const cell = cells.text(records, recordIndex, id);
        const long = cell.text.length > 40;
        const inside = selLeft !== undefined && selRight !== undefined && col >= selLeft && col <= selRight;
        const match =
          currentMatchCol === col ? ' find-current' : matchCols?.includes(col) ? ' find-match' : '';
        // Arrays, records and strings holding JSON can be opened in place (the cell's toggle).
        const expandable = cell.kind === 'json' || (cell.kind === 'text' && looksLikeJsonText(cell.text));
        const expanded = expandedColumn === id;
        return (
          <td
            key={id}
            role="cell"
            aria-colindex={col + 1}
            aria-selected={inside || undefined}
            className={`${columnClass(col)} cell-${cell.kind}${cell.kind === 'number' ? ' num' : ''}${inside ? ' in-range' : ''}${focusCol === col ? ' selected-cell' : ''}${pinned ? ' pinned' : ''}${match}`}
            style={margin ? { marginLeft: margin } : undefined}
            title={long ? cell.text.slice(0, 4000) : undefined}
          >
            {expandable && (
              // No handler of its own: the grid's body handles clicks on it (one listener). The
              // glyph is CSS, so the cell's text stays the value's.
              <button
                type="button"
                className="cell-expand"
                tabIndex={-1}
                aria-expanded={expanded}
                aria-label={`${expanded ? 'Collapse' : 'Expand'} ${id} of row ${position + 1}`}
              />
            )}
            {cell.text.length > CELL_TEXT_LIMIT ? `${cell.text.slice(0, CELL_TEXT_LIMIT)}…` : cell.text}
          </td>
        );
      })}
      {expandedColumn !== undefined && (
        // Keyed by record: a reused row (GridTable keys rows by slot) must not keep the state of
        // another record's expanded value.
        <td
          key={`expansion-${recordIndex}`}
          role="cell"
          className="row-expansion"
          aria-label={`${expandedColumn} of row ${position + 1}`}
        >
          {props.renderExpansion(recordIndex, expandedColumn)}
        </td>
      )}
    </tr>
  );
});
