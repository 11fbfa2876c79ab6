import { useMemo, useState } from 'react';
import { computePreview, nowNs, StablePreviewIds, type PreviewModel } from './preview';

/** Recomputes the Grail preview when the (deferred) payload or the content type changes. */
export function useFlattenPreview(text: string, contentType: string): PreviewModel {
  const [ids] = useState(() => new StablePreviewIds());
  return useMemo(
    () => computePreview(text, contentType, { nowNs: nowNs(), newId: ids.sequence() }),
    [text, contentType, ids],
  );
}
