import { describe, expect, it } from 'vitest';
import {
  keyedWidth,
  arrangeColumns,
  EMPTY_LAYOUT,
  moveColumn,
  setHidden,
  setPinned,
  setWidths,
  visibleColumns,
} from '../../../../src-shared/results/column-layout';

const columns = ['a', 'b', 'c', 'd'];

describe('column layout', () => {
  it('keeps the result order without a layout', () => {
    expect(arrangeColumns(columns, EMPTY_LAYOUT)).toEqual(columns);
  });

  it('moves, hides and pins by name; pinned columns come first', () => {
    let layout = moveColumn(EMPTY_LAYOUT, columns, 'c', -2);
    expect(arrangeColumns(columns, layout)).toEqual(['c', 'a', 'b', 'd']);
    layout = setHidden(layout, 'a', true);
    expect(visibleColumns(columns, layout)).toEqual(['c', 'b', 'd']);
    layout = setPinned(layout, 'd', true);
    expect(visibleColumns(columns, layout)).toEqual(['d', 'c', 'b']);
    layout = setHidden(setPinned(layout, 'd', false), 'a', false);
    expect(visibleColumns(columns, layout)).toEqual(['c', 'a', 'b', 'd']);
  });

  it('applies to a later run with other columns: known ones in the user’s order, new ones last', () => {
    const layout = setWidths(moveColumn(EMPTY_LAYOUT, columns, 'd', -3), { d: 99 });
    expect(arrangeColumns(['b', 'e', 'd'], layout)).toEqual(['d', 'b', 'e']);
    // a column missing from one run keeps its place for the next
    const moved = moveColumn(layout, ['b', 'd'], 'b', -1);
    expect(arrangeColumns(columns, moved)).toEqual(['b', 'd', 'a', 'c']);
    expect(moved.widths).toEqual({ d: 99 });
  });

  it('does nothing for a move past either end or an unknown column', () => {
    expect(moveColumn(EMPTY_LAYOUT, columns, 'a', -1)).toBe(EMPTY_LAYOUT);
    expect(moveColumn(EMPTY_LAYOUT, columns, 'z', 1)).toBe(EMPTY_LAYOUT);
  });
});

describe('keyedWidth', () => {
  const limits = { min: 48, max: 2000 };

  it('steps by 16 px with the arrows and by 64 with Shift', () => {
    expect(keyedWidth('ArrowRight', false, 100, limits)).toBe(116);
    expect(keyedWidth('ArrowLeft', false, 100, limits)).toBe(84);
    expect(keyedWidth('ArrowRight', true, 100, limits)).toBe(164);
    expect(keyedWidth('ArrowLeft', true, 100, limits)).toBe(48);
  });

  it('stays within the limits, and Home and End go to them', () => {
    expect(keyedWidth('ArrowLeft', false, 50, limits)).toBe(48);
    expect(keyedWidth('ArrowRight', true, 1990, limits)).toBe(2000);
    expect(keyedWidth('Home', false, 300, limits)).toBe(48);
    expect(keyedWidth('End', false, 300, limits)).toBe(2000);
  });

  it('ignores other keys', () => {
    for (const key of ['Enter', ' ', 'ArrowUp', 'a'])
      expect(keyedWidth(key, false, 100, limits)).toBeUndefined();
  });
});
