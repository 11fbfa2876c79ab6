/**
 * Keyboard navigation of the results grid as a pure decision: which key does what to the focused
 * cell and the selection. The grid applies the answer (state, scrolling, clipboard).
 */
import type { CellPoint } from '../../../src-shared/results/cell-range';

export interface GridKey {
  key: string;
  shift: boolean;
  /** Ctrl, or Cmd on macOS. */
  ctrl: boolean;
}

export interface GridBounds {
  rows: number;
  cols: number;
  /** Rows a PageUp/PageDown moves. */
  page: number;
}

export type GridKeyAction =
  /** Focus moves to `to`; with `extend` the selection's anchor stays where it is. */
  | { kind: 'move'; to: CellPoint; extend: boolean }
  /** Shift+Space: the selection widens to whole rows. */
  | { kind: 'rows' }
  /** Space: the focused cell's array, record or JSON text opens in place (or closes). */
  | { kind: 'toggle-expand' }
  | { kind: 'open-detail' }
  | { kind: 'close-detail' }
  | { kind: 'copy'; asJson: boolean }
  | null;

export function gridKeyAction(
  e: GridKey,
  focus: CellPoint | null,
  hasAnchor: boolean,
  detailOpen: boolean,
  bounds: GridBounds,
): GridKeyAction {
  if (bounds.rows === 0 || bounds.cols === 0) return null;
  const current = focus ?? { row: 0, col: 0 };
  const move = (row: number, col: number): GridKeyAction => ({
    kind: 'move',
    to: {
      row: Math.min(bounds.rows - 1, Math.max(0, row)),
      col: Math.min(bounds.cols - 1, Math.max(0, col)),
    },
    extend: e.shift && hasAnchor,
  });
  switch (e.key) {
    case 'ArrowDown':
      return move(focus ? current.row + 1 : 0, current.col);
    case 'ArrowUp':
      return move(current.row - 1, current.col);
    case 'ArrowRight':
      return move(current.row, current.col + 1);
    case 'ArrowLeft':
      return move(current.row, current.col - 1);
    case 'PageDown':
      return move(current.row + bounds.page, current.col);
    case 'PageUp':
      return move(current.row - bounds.page, current.col);
    case 'Home':
      return move(e.ctrl ? 0 : current.row, 0);
    case 'End':
      return move(e.ctrl ? bounds.rows - 1 : current.row, bounds.cols - 1);
    default:
      break;
  }
  if (e.key === ' ' && e.shift && hasAnchor && focus) return { kind: 'rows' };
  if (e.key === ' ' && !e.shift && !e.ctrl && focus) return { kind: 'toggle-expand' };
  if (e.key === 'Enter' && focus) return { kind: 'open-detail' };
  if (e.key === 'Escape' && detailOpen) return { kind: 'close-detail' };
  if (e.ctrl && e.key.toLowerCase() === 'c' && focus) return { kind: 'copy', asJson: e.shift };
  return null;
}
