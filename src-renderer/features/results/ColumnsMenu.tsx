import { useEffect, useRef, useState } from 'react';
import {
  arrangeColumns,
  moveColumn,
  setHidden,
  setPinned,
  type ColumnLayout,
} from '../../../src-shared/results/column-layout';

interface ColumnsMenuProps {
  columns: readonly string[];
  layout: ColumnLayout;
  onChange: (layout: ColumnLayout) => void;
  onClose: () => void;
}

/**
 * Show/hide, pin and reorder columns from the keyboard (headers can also be dragged). Kept per
 * query tab by column name, so a re-run keeps the arrangement.
 */
export function ColumnsMenu({ columns, layout, onChange, onClose }: ColumnsMenuProps) {
  const arranged = arrangeColumns(columns, layout);
  const hidden = new Set(layout.hidden);
  const pinned = new Set(layout.pinned);
  // Keyboard users land in the dialog, and go back to what opened it when it closes.
  const ref = useRef<HTMLDivElement>(null);
  const [opener] = useState(() => document.activeElement);
  useEffect(() => {
    (ref.current?.querySelector('input') ?? ref.current?.querySelector('button'))?.focus();
    return () => {
      const active = document.activeElement;
      // Unless the user has moved on to something else meanwhile.
      if (
        (active === null || active === document.body) &&
        opener instanceof HTMLElement &&
        opener.isConnected
      )
        opener.focus();
    };
  }, [opener]);
  return (
    <div
      ref={ref}
      className="columns-menu"
      role="dialog"
      aria-label="Columns"
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <div className="columns-menu-bar">
        <strong>Columns</strong>
        <button type="button" className="button" onClick={() => onChange({ ...layout, hidden: [] })}>
          Show all
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close columns
        </button>
      </div>
      <ul className="columns-menu-list">
        {arranged.map((name, i) => (
          <li key={name}>
            <label>
              <input
                type="checkbox"
                checked={!hidden.has(name)}
                onChange={(e) => onChange(setHidden(layout, name, !e.target.checked))}
              />{' '}
              {name}
            </label>
            <span className="columns-menu-actions">
              <button
                type="button"
                className="link-button"
                aria-pressed={pinned.has(name)}
                aria-label={`Pin ${name}`}
                onClick={() => onChange(setPinned(layout, name, !pinned.has(name)))}
              >
                Pin
              </button>
              <button
                type="button"
                className="link-button"
                aria-label={`Move ${name} left`}
                disabled={i === 0}
                onClick={() => onChange(moveColumn(layout, columns, name, -1))}
              >
                ←
              </button>
              <button
                type="button"
                className="link-button"
                aria-label={`Move ${name} right`}
                disabled={i === arranged.length - 1}
                onClick={() => onChange(moveColumn(layout, columns, name, 1))}
              >
                →
              </button>
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
