import type { Table } from '@tanstack/react-table';
import type { ResultRecord } from '../../../src-shared/grail/wire';
import { columnClass } from './column-sheet';
import type { DrawnColumn } from './GridRow';

const DRAG_TYPE = 'text/x-bizlens-column';

interface GridHeaderProps {
  table: Table<ResultRecord | null>;
  drawn: readonly DrawnColumn[];
  numericColumn: (id: string) => boolean;
  onDropColumn: (source: string, target: string) => void;
}

/** The header row: sort by click, move by drag and drop, resize by the edge handle. */
export function GridHeader({ table, drawn, numericColumn, onDropColumn }: GridHeaderProps) {
  return (
    <thead role="rowgroup">
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id} role="row" aria-rowindex={1}>
          {drawn.map(({ id, index, margin, pinned }) => {
            const header = group.headers.find((h) => h.column.id === id);
            if (!header) return null;
            const column = header.column;
            const sorted = column.getIsSorted();
            return (
              <th
                key={column.id}
                role="columnheader"
                scope="col"
                aria-colindex={index + 1}
                className={`${columnClass(index)}${numericColumn(column.id) ? ' num' : ''}${pinned ? ' pinned' : ''}`}
                style={margin ? { marginLeft: margin } : undefined}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  onDropColumn(e.dataTransfer.getData(DRAG_TYPE), column.id);
                }}
              >
                <button
                  type="button"
                  className="th-button"
                  draggable
                  onDragStart={(e) => e.dataTransfer.setData(DRAG_TYPE, column.id)}
                  onClick={column.getToggleSortingHandler()}
                  title={`Sort by ${column.id} (drag to move the column)`}
                >
                  <span className="th-label">{column.id}</span>
                  <span className="sort-indicator" aria-hidden="true">
                    {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}
                  </span>
                </button>
                {/* Pointer-only convenience (double-click resets); widths never hide data. */}
                <div
                  className={`resizer${column.getIsResizing() ? ' resizing' : ''}`}
                  aria-hidden="true"
                  onMouseDown={header.getResizeHandler()}
                  onTouchStart={header.getResizeHandler()}
                  onDoubleClick={() => column.resetSize()}
                />
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}
