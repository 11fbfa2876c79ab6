/**
 * The rest of a paged query result (`QueryOutcome.more`): pages of PAGE records, one request at a
 * time, each handed over as it arrives so the grid grows while the UI stays responsive. Stops (and
 * lets main drop the records) as soon as the run is no longer the one shown.
 */
import type { QueryResult } from '../../../src-shared/grail/wire';
import type { QueryOutcome } from '../../../src-shared/ipc/contract';
import { invoke } from '../../api/client';

const PAGE = 50_000;

export async function loadRemainingPages(
  more: NonNullable<QueryOutcome['more']>,
  loaded: number,
  onRecords: (records: QueryResult['records']) => void,
  isCurrent: () => boolean,
): Promise<void> {
  let offset = loaded;
  while (offset < more.total) {
    if (!isCurrent()) {
      await invoke('results:release', { pageId: more.pageId }).catch(() => undefined);
      return;
    }
    const page = await invoke('results:page', { pageId: more.pageId, offset, limit: PAGE });
    if (!isCurrent()) continue;
    onRecords(page.records);
    offset += page.records.length;
    if (page.done || page.records.length === 0) return;
  }
}
