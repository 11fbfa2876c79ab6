/** Content-type auto-detection lives with the ingest rules in src-shared (the bench measures it too). */
export {
  CLOUDEVENT_BATCH_TYPE,
  CLOUDEVENT_TYPE,
  detectContentType,
} from '../../../src-shared/grail/detect-content-type';
