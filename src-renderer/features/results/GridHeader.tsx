import type { Table } from '@tanstack/react-table';
import type { ResultRecord } from '../../../src-shared/grail/wire';
import { keyedWidth } from '../../../src-shared/results/column-layout';
import { columnClass } from './column-sheet';
import type { DrawnColumn } from './GridRow';

const DRAG_TYPE = 'text/x-bizlens-column';

interface GridHeaderProps {
  table: Table<ResultRecord | null>;
  drawn: readonly DrawnColumn[];
  numericColumn: (id: string) => boolean;
  onDropColumn: (source: string, target: string) => void;
}

/**
 * The header row: sort by click, move by drag and drop (or in the Columns dialog), resize by the
 * edge handle with the pointer or, focused, with the arrow keys.
 */
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
                // Named by the column alone: the resize handle's label is not part of it.
                aria-label={column.id}
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
                {/* A focusable separator (the ARIA window-splitter pattern); double-click resets. */}
                <div
                  role="separator"
                  aria-orientation="vertical"
                  aria-label={`Resize column ${column.id}`}
                  aria-valuenow={column.getSize()}
                  aria-valuemin={column.columnDef.minSize}
                  aria-valuemax={column.columnDef.maxSize}
                  tabIndex={0}
                  className={`resizer${column.getIsResizing() ? ' resizing' : ''}`}
                  onMouseDown={header.getResizeHandler()}
                  onTouchStart={header.getResizeHandler()}
                  onDoubleClick={() => column.resetSize()}
                  onKeyDown={(e) => {
                    const width = keyedWidth(e.key, e.shiftKey, column.getSize(), {
                      min: column.columnDef.minSize ?? 0,
                      max: column.columnDef.maxSize ?? Number.MAX_SAFE_INTEGER,
                    });
                    if (width === undefined) return;
                    e.preventDefault();
                    table.setColumnSizing((old) => ({ ...old, [column.id]: width }));
                  }}
                />
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}
