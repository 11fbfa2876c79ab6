import { memo } from 'react';
import type { MouseEvent } from 'react';
import type { ResultRecord } from '../../../src-shared/grail/wire';
import type { ValueFormatOptions } from '../../../src-shared/results/value-format';
import { formatCell, type FieldTypeLookup } from './columns';

const CELL_TEXT_LIMIT = 1000;

/** One drawn column: its name, display position, width, and where it sits. */
export interface DrawnColumn {
  id: string;
  /** Position among the visible columns (aria-colindex − 1). */
  index: number;
  width: number;
  /** Space left for the virtualized columns before the first one drawn. */
  margin: number;
  /** Sticky offset of a pinned column. */
  left: number | undefined;
}

export interface CellEvents {
  mouseDown: (e: MouseEvent, row: number, col: number) => void;
  mouseEnter: (e: MouseEvent, row: number, col: number) => void;
  click: (e: MouseEvent) => void;
}

interface GridRowProps {
  record: ResultRecord | null | undefined;
  /** The record's position in the result (types are per position). */
  recordIndex: number;
  /** The display position (after sort and filter). */
  position: number;
  start: number;
  width: number;
  drawn: readonly DrawnColumn[];
  lookup: FieldTypeLookup;
  display: ValueFormatOptions;
  /** The selected columns on this row (undefined when the row is outside the selection). */
  selLeft: number | undefined;
  selRight: number | undefined;
  /** The focused column when the focus is on this row. */
  focusCol: number | undefined;
  /** Visible-column indexes of this row's search matches, and the current match's column. */
  matchCols: readonly number[] | undefined;
  currentMatchCol: number | undefined;
  events: CellEvents;
}

/**
 * A row of the grid, memoized: while scrolling only the rows that come into view render, and a
 * selection change re-renders only the rows it touches.
 */
export const GridRow = memo(function GridRow(props: GridRowProps) {
  const { record, recordIndex, position, start, width, drawn, lookup, display } = props;
  const { selLeft, selRight, focusCol, matchCols, currentMatchCol, events } = props;
  const rowSelected = selLeft !== undefined;
  return (
    <tr
      role="row"
      aria-rowindex={position + 2}
      className={`${position % 2 ? 'odd' : ''}${rowSelected ? ' selected-row' : ''}`}
      style={{ transform: `translateY(${start}px)`, width }}
    >
      {drawn.map(({ id, index: col, width: size, margin, left }) => {
        const cell = formatCell(record?.[id], lookup.typeOf(recordIndex, id), display);
        const long = cell.text.length > 40;
        const inside = selLeft !== undefined && selRight !== undefined && col >= selLeft && col <= selRight;
        const match =
          currentMatchCol === col ? ' find-current' : matchCols?.includes(col) ? ' find-match' : '';
        return (
          <td
            key={id}
            role="cell"
            aria-colindex={col + 1}
            aria-selected={inside || undefined}
            onMouseDown={(e) => events.mouseDown(e, position, col)}
            onMouseEnter={(e) => events.mouseEnter(e, position, col)}
            onClick={events.click}
            className={`cell-${cell.kind}${cell.kind === 'number' ? ' num' : ''}${inside ? ' in-range' : ''}${focusCol === col ? ' selected-cell' : ''}${left !== undefined ? ' pinned' : ''}${match}`}
            style={{ width: size, marginLeft: margin || undefined, left }}
            title={long ? cell.text.slice(0, 4000) : undefined}
          >
            {cell.text.length > CELL_TEXT_LIMIT ? `${cell.text.slice(0, CELL_TEXT_LIMIT)}…` : cell.text}
          </td>
        );
      })}
    </tr>
  );
});
