/**
 * Diagnostics as Monaco markers, on a short debounce after each edit (monaco-kusto's
 * DiagnosticsAdapter): results for a model version that has since changed are dropped.
 */
import { monaco } from './monaco';
import { dqlService } from './language-service';
import { toRange, visibleSpan } from './positions';

export const DQL_MARKER_OWNER = 'dql';
/** The markers' `source`, which code actions see (they are not told the owner). */
export const DQL_MARKER_SOURCE = 'DQL';
const DEBOUNCE_MS = 120;

function validate(model: monaco.editor.ITextModel): void {
  if (model.isDisposed()) return;
  const version = model.getVersionId();
  const analysis = dqlService.analysis(model);
  if (model.getVersionId() !== version) return;
  const length = model.getValueLength();
  monaco.editor.setModelMarkers(
    model,
    DQL_MARKER_OWNER,
    analysis.diagnostics.map((d) => ({
      ...toRange(model, visibleSpan(d, length)),
      severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
      message: d.message,
      code: d.code,
      source: DQL_MARKER_SOURCE,
    })),
  );
}

/** Keeps the model's markers up to date; returns a disposer. */
export function watchDiagnostics(model: monaco.editor.ITextModel): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => validate(model), DEBOUNCE_MS);
  };
  const changes = model.onDidChangeContent(schedule);
  const schema = dqlService.onDidChangeSchema(schedule);
  validate(model);
  return () => {
    clearTimeout(timer);
    changes.dispose();
    schema();
    if (!model.isDisposed()) monaco.editor.setModelMarkers(model, DQL_MARKER_OWNER, []);
  };
}
