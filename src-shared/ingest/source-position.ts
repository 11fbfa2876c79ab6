/** Line/column bookkeeping for records cut out of a streamed file (errors point into the file). */

export interface SourcePosition {
  /** 1-based line in the file (for CSV: the 1-based row, the header being row 1). */
  line: number;
  /** 1-based column (UTF-16 code units) on that line; absent when only the row is known. */
  column?: number;
}

/** Position of `offset` inside a record whose first character sits at `start` in the file. */
export function positionInRecord(text: string, offset: number, start: SourcePosition): SourcePosition {
  let line = start.line;
  let column = start.column ?? 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 0x0a) {
      line++;
      column = 1;
    } else column++;
  }
  return { line, column };
}

export function describePosition(p: SourcePosition): string {
  return p.column === undefined ? `row ${p.line}` : `line ${p.line}, column ${p.column}`;
}
