/** What the results benchmark page exposes to the Playwright driver (bench/results-render.ts). */
export interface ResultsBenchApi {
  /**
   * Builds n records × 12 mixed-type columns (or `columns` columns: generated ones after the 12)
   * in the page, and (12 columns only) the wire JSON text of them. `held` more records are built
   * and kept alive outside the result: the heap of n + held records with the grid of n.
   */
  prepare(n: number, columns?: number, held?: number): { jsonBytes: number };
  /** The web edition's transport today: one JSON.parse of the whole result on the main thread. */
  parseWhole(): number;
  /**
   * Paged transport (query:execute's first 20,000 records, then `results:page` pages of `pageSize`),
   * each parsed in its own task: total and longest block.
   */
  parsePaged(pageSize: number): Promise<{ totalMs: number; longestMs: number }>;
  /** ms from handing the result to the table to its first rows painted. */
  show(): Promise<number>;
  /**
   * Scrolls the grid by `step` px per frame for `frames` frames: per frame, the main-thread work
   * of the scroll (grid update and layout, ms), the script part of it (virtualizer and React
   * commit, before the forced style/layout), and the interval between animation frames (ms).
   */
  scroll(
    frames: number,
    step: number,
    axis?: 'x' | 'y',
  ): Promise<{ work: number[]; script: number[]; intervals: number[] }>;
  /**
   * Replaces the grid with the first `rows` records of the prepared result as static HTML in the
   * same markup and stylesheet: what scrolling costs the browser with no script and no DOM changes
   * (the floor any grid is measured against). hideStatic() removes it; show() brings the grid back.
   */
  showStatic(rows: number): Promise<void>;
  hideStatic(): void;
  /** Replaces the page's extra stylesheet (a CSS variant to measure against the shipped one). */
  setStyle(css: string): void;
  /** ms from clicking a column header to the first rows painted in the new order. */
  sort(column: string): Promise<number>;
  /**
   * Types `text` into "Find in results": ms to the first matches shown, ms to the search being
   * complete, the longest gap between animation frames meanwhile (how long the page was blocked),
   * and the status line at the end.
   */
  find(text: string): Promise<{ firstMs: number; doneMs: number; longestFrameMs: number; status: string }>;
  clear(): void;
}

export interface BenchGlobal {
  resultsBench: ResultsBenchApi;
}
