/**
 * Formatted cell text kept per (record, column) in pages of records, so rows scrolled back into view
 * (or re-rendered for a selection) are not formatted again. Bounded: the least recently used pages
 * go first. A cache belongs to one result, type lookup and display choice; a change makes a new one.
 */
import type { RecordTable } from '../../../src-shared/results/record-table';
import type { ValueFormatOptions } from '../../../src-shared/results/value-format';
import { formatCell, type CellText, type FieldTypeLookup } from './columns';

const PAGE_RECORDS = 512;
/** Cells kept at most (a few screens' worth even for 300 columns): some tens of MB at worst. */
const MAX_CELLS = 200_000;

interface Page {
  columns: Map<string, (CellText | undefined)[]>;
  cells: number;
}

export class CellTextCache {
  /** page number → column → texts by record offset within the page (Map order is recency). */
  private readonly pages = new Map<number, Page>();
  private cells = 0;

  constructor(
    private readonly lookup: FieldTypeLookup,
    private readonly display: ValueFormatOptions,
  ) {}

  /**
   * The text of the record at `recordIndex` in `column`. Records keep their positions as later
   * pages are appended, so a cache outlives those appends (any version of the table will do).
   */
  text(records: RecordTable, recordIndex: number, column: string): CellText {
    const pageNo = Math.floor(recordIndex / PAGE_RECORDS);
    let page = this.pages.get(pageNo);
    if (page) {
      this.pages.delete(pageNo);
      this.pages.set(pageNo, page);
    } else {
      page = { columns: new Map(), cells: 0 };
      this.pages.set(pageNo, page);
    }
    let texts = page.columns.get(column);
    if (!texts) page.columns.set(column, (texts = []));
    const at = recordIndex - pageNo * PAGE_RECORDS;
    let cell = texts[at];
    if (!cell) {
      const value = records.value(recordIndex, column);
      cell = formatCell(value, this.lookup.typeOf(recordIndex, column), this.display);
      texts[at] = cell;
      page.cells++;
      this.cells++;
      this.evict(pageNo);
    }
    return cell;
  }

  /** Drops the least recently used pages (never the one in use) while over the cell budget. */
  private evict(keep: number): void {
    for (const [pageNo, page] of this.pages) {
      if (this.cells <= MAX_CELLS || pageNo === keep) return;
      this.pages.delete(pageNo);
      this.cells -= page.cells;
    }
  }

  /** Cells held (for tests). */
  get size(): number {
    return this.cells;
  }
}
