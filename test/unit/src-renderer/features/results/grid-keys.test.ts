import { describe, expect, it } from 'vitest';
import { gridKeyAction, type GridKey } from '../../../../../src-renderer/features/results/grid-keys';

const bounds = { rows: 100, cols: 5, page: 10 };
const key = (k: string, mods: Partial<GridKey> = {}): GridKey => ({
  key: k,
  shift: false,
  ctrl: false,
  ...mods,
});

describe('results grid keyboard navigation', () => {
  it('moves the focus by arrows, pages and Home/End, clamped to the grid', () => {
    const at = { row: 5, col: 2 };
    const to = (k: GridKey) => {
      const a = gridKeyAction(k, at, true, false, bounds);
      return a?.kind === 'move' ? a.to : a;
    };
    expect(to(key('ArrowDown'))).toEqual({ row: 6, col: 2 });
    expect(to(key('ArrowUp'))).toEqual({ row: 4, col: 2 });
    expect(to(key('ArrowLeft'))).toEqual({ row: 5, col: 1 });
    expect(to(key('ArrowRight'))).toEqual({ row: 5, col: 3 });
    expect(to(key('PageDown'))).toEqual({ row: 15, col: 2 });
    expect(to(key('PageUp'))).toEqual({ row: 0, col: 2 });
    expect(to(key('Home'))).toEqual({ row: 5, col: 0 });
    expect(to(key('End'))).toEqual({ row: 5, col: 4 });
    expect(to(key('Home', { ctrl: true }))).toEqual({ row: 0, col: 0 });
    expect(to(key('End', { ctrl: true }))).toEqual({ row: 99, col: 4 });
  });

  it('starts at the first cell when nothing is focused', () => {
    expect(gridKeyAction(key('ArrowDown'), null, false, false, bounds)).toEqual({
      kind: 'move',
      to: { row: 0, col: 0 },
      extend: false,
    });
  });

  it('extends the selection with Shift only when there is an anchor', () => {
    const at = { row: 1, col: 1 };
    expect(gridKeyAction(key('ArrowDown', { shift: true }), at, true, false, bounds)).toMatchObject({
      extend: true,
    });
    expect(gridKeyAction(key('ArrowDown', { shift: true }), at, false, false, bounds)).toMatchObject({
      extend: false,
    });
    expect(gridKeyAction(key(' ', { shift: true }), at, true, false, bounds)).toEqual({ kind: 'rows' });
    expect(gridKeyAction(key(' ', { shift: true }), at, false, false, bounds)).toBeNull();
  });

  it('opens and closes the detail, copies, and ignores other keys or an empty grid', () => {
    const at = { row: 1, col: 1 };
    expect(gridKeyAction(key('Enter'), at, true, false, bounds)).toEqual({ kind: 'open-detail' });
    expect(gridKeyAction(key('Enter'), null, false, false, bounds)).toBeNull();
    expect(gridKeyAction(key('Escape'), at, true, true, bounds)).toEqual({ kind: 'close-detail' });
    expect(gridKeyAction(key('Escape'), at, true, false, bounds)).toBeNull();
    expect(gridKeyAction(key('c', { ctrl: true }), at, true, false, bounds)).toEqual({
      kind: 'copy',
      asJson: false,
    });
    expect(gridKeyAction(key('C', { ctrl: true, shift: true }), at, true, false, bounds)).toEqual({
      kind: 'copy',
      asJson: true,
    });
    expect(gridKeyAction(key('x'), at, true, false, bounds)).toBeNull();
    expect(gridKeyAction(key('ArrowDown'), at, true, false, { rows: 0, cols: 5, page: 1 })).toBeNull();
  });

  it('toggles the focused cell open in place with Space, and widens to rows with Shift+Space', () => {
    const at = { row: 3, col: 1 };
    expect(gridKeyAction(key(' '), at, true, false, bounds)).toEqual({ kind: 'toggle-expand' });
    expect(gridKeyAction(key(' ', { shift: true }), at, true, false, bounds)).toEqual({ kind: 'rows' });
    expect(gridKeyAction(key(' '), null, false, false, bounds)).toBeNull();
  });
});
