/**
 * What the user did to a result's columns — order, hidden, pinned, widths — kept per query tab by
 * column name, so it survives re-runs and outlives a column that a run drops and the next brings
 * back. Applying a layout to a run's columns: known columns in the user's order, new ones after.
 */
export interface ColumnLayout {
  /** Column names in the user's order (may name columns the current result lacks). */
  order: string[];
  hidden: string[];
  /** Pinned to the left edge, in this order. */
  pinned: string[];
  widths: Record<string, number>;
}

export const EMPTY_LAYOUT: ColumnLayout = { order: [], hidden: [], pinned: [], widths: {} };

/** The result's columns in display order: pinned first, then by the layout's order, new ones last. */
export function arrangeColumns(columns: readonly string[], layout: ColumnLayout): string[] {
  const present = new Set(columns);
  const rank = new Map(layout.order.map((c, i) => [c, i]));
  const ordered = [...columns].sort(
    (a, b) =>
      (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || columns.indexOf(a) - columns.indexOf(b),
  );
  const pinned = layout.pinned.filter((c) => present.has(c));
  return [...pinned, ...ordered.filter((c) => !pinned.includes(c))];
}

export function visibleColumns(columns: readonly string[], layout: ColumnLayout): string[] {
  const hidden = new Set(layout.hidden);
  return arrangeColumns(columns, layout).filter((c) => !hidden.has(c));
}

/** Moves `column` by `delta` places among `columns` (the arranged list), keeping the others' order. */
export function moveColumn(
  layout: ColumnLayout,
  columns: readonly string[],
  column: string,
  delta: number,
): ColumnLayout {
  const arranged = arrangeColumns(columns, layout);
  const from = arranged.indexOf(column);
  if (from < 0) return layout;
  const to = Math.max(0, Math.min(arranged.length - 1, from + delta));
  if (to === from) return layout;
  arranged.splice(from, 1);
  arranged.splice(to, 0, column);
  // Columns the current result lacks keep their relative places after the present ones.
  const rest = layout.order.filter((c) => !columns.includes(c));
  return { ...layout, order: [...arranged, ...rest] };
}

export function setHidden(layout: ColumnLayout, column: string, hidden: boolean): ColumnLayout {
  const others = layout.hidden.filter((c) => c !== column);
  return { ...layout, hidden: hidden ? [...others, column] : others };
}

export function setPinned(layout: ColumnLayout, column: string, pinned: boolean): ColumnLayout {
  const others = layout.pinned.filter((c) => c !== column);
  return { ...layout, pinned: pinned ? [...others, column] : others };
}

export function setWidths(layout: ColumnLayout, widths: Record<string, number>): ColumnLayout {
  return { ...layout, widths: { ...layout.widths, ...widths } };
}

/**
 * A column's width after a key on its resize handle (a focusable separator, so widths are not
 * pointer-only): arrows step by 16 px, 64 with Shift; Home and End go to the limits. Undefined for
 * other keys.
 */
export function keyedWidth(
  key: string,
  shift: boolean,
  width: number,
  limits: { min: number; max: number },
): number | undefined {
  const step = shift ? 64 : 16;
  const clamp = (w: number) => Math.min(limits.max, Math.max(limits.min, w));
  switch (key) {
    case 'ArrowLeft':
      return clamp(width - step);
    case 'ArrowRight':
      return clamp(width + step);
    case 'Home':
      return limits.min;
    case 'End':
      return limits.max;
    default:
      return undefined;
  }
}
