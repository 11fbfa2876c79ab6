/** Content-type auto-detection lives with the ingest rules in src-shared (the bench measures it too). */
import { detectContentType as detectFromShape } from '../../../src-shared/grail/detect-content-type';
import type { IngestContentType } from '../../../src-shared/grail/wire';

export { CLOUDEVENT_BATCH_TYPE, CLOUDEVENT_TYPE } from '../../../src-shared/grail/detect-content-type';

/**
 * The shape-based detection, without parsing text that cannot hold a CloudEvent (it runs on every
 * edit): a `specversion` key is in the text as such or written with \u escapes.
 */
export function detectContentType(text: string): IngestContentType {
  return text.includes('specversion') || text.includes('\\u') ? detectFromShape(text) : 'application/json';
}
