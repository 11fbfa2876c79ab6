/**
 * Column widths (and pinned offsets) of one grid as a small stylesheet rather than inline styles
 * on every cell: cells sharing a class share their computed style (the engine's matched-properties
 * cache), while an inline style makes each new cell's style be computed from scratch — that was
 * most of a scroll frame. Widths change only on resize, which rewrites this sheet once.
 */

/** A class name that is safe in a selector, from React's useId() (which holds ':' or '«»'). */
export function gridScope(id: string): string {
  return `rg-${id.replace(/[^A-Za-z0-9_-]/g, '')}`;
}

/** The class a visible column's header and cells carry. */
export function columnClass(index: number): string {
  return `c${index}`;
}

export function columnSheet(
  scope: string,
  widths: readonly number[],
  pinnedCount: number,
  totalWidth: number,
): string {
  const rules = [`.${scope} > tbody > tr { width: ${totalWidth}px; }`];
  let left = 0;
  widths.forEach((width, i) => {
    const pinned = i < pinnedCount ? ` left: ${left}px;` : '';
    rules.push(`.${scope} .${columnClass(i)} { width: ${width}px;${pinned} }`);
    if (i < pinnedCount) left += width;
  });
  return rules.join('\n');
}
