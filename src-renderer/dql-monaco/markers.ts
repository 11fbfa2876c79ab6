/**
 * Diagnostics as Monaco markers, on a short debounce after each edit (monaco-kusto's
 * DiagnosticsAdapter): results for a model version that has since changed are dropped. When the
 * editor is connected, Grail's `query:verify` is asked too (on a longer debounce, one request in
 * flight); its problems that the local analysis does not already report get their own markers.
 */
import { remoteOnly } from '../../src-shared/dql/merge-verify';
import type { VerifyProblem } from '../../src-shared/ipc/contract';
import { monaco } from './monaco';
import { dqlService } from './language-service';
import { toRange, visibleSpan } from './positions';

export const DQL_MARKER_OWNER = 'dql';
/** Problems only Grail's verify reported. */
export const GRAIL_MARKER_OWNER = 'dql.grail';
/** The markers' `source`, which code actions see (they are not told the owner). */
export const DQL_MARKER_SOURCE = 'DQL';
export const GRAIL_MARKER_SOURCE = 'Grail';
/** Short: analysing 200 lines takes ~1.5 ms, the pause only coalesces bursts of keystrokes. */
const DEBOUNCE_MS = 40;
/** The server is asked less eagerly than the local analysis: it costs a round trip. */
const VERIFY_DEBOUNCE_MS = 600;

/** Resolves to the server's problems, or undefined when there is nobody to ask. */
export type Verifier = (text: string, signal: AbortSignal) => Promise<readonly VerifyProblem[] | undefined>;

const severityOf = (s: 'error' | 'warning' | 'info') =>
  s === 'error'
    ? monaco.MarkerSeverity.Error
    : s === 'warning'
      ? monaco.MarkerSeverity.Warning
      : monaco.MarkerSeverity.Info;

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
      severity: severityOf(d.severity),
      message: d.message,
      code: d.code,
      source: DQL_MARKER_SOURCE,
    })),
  );
}

/** Keeps the model's markers up to date; returns a disposer. */
export function watchDiagnostics(model: monaco.editor.ITextModel, verify?: Verifier): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let verifyTimer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;

  const askServer = async () => {
    if (!verify || model.isDisposed()) return;
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    const version = model.getVersionId();
    const text = model.getValue();
    let problems: readonly VerifyProblem[] | undefined;
    try {
      problems = text.trim() ? await verify(text, controller.signal) : [];
    } catch {
      // Offline or refused: the local analysis stands on its own.
      problems = [];
    }
    if (controller.signal.aborted || model.isDisposed() || model.getVersionId() !== version) return;
    const local = dqlService.analysis(model).diagnostics;
    const length = model.getValueLength();
    monaco.editor.setModelMarkers(
      model,
      GRAIL_MARKER_OWNER,
      remoteOnly(local, problems ?? []).map((p) => ({
        ...toRange(model, visibleSpan(p, length)),
        severity: severityOf(p.severity),
        message: p.message,
        ...(p.code ? { code: p.code } : {}),
        source: GRAIL_MARKER_SOURCE,
      })),
    );
  };

  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => validate(model), DEBOUNCE_MS);
    if (!verify) return;
    clearTimeout(verifyTimer);
    // Stale server markers go at once; fresh ones come after the pause.
    if (!model.isDisposed()) monaco.editor.setModelMarkers(model, GRAIL_MARKER_OWNER, []);
    verifyTimer = setTimeout(() => void askServer(), VERIFY_DEBOUNCE_MS);
  };
  const changes = model.onDidChangeContent(schedule);
  const schema = dqlService.onDidChangeSchema(schedule);
  validate(model);
  if (verify) verifyTimer = setTimeout(() => void askServer(), VERIFY_DEBOUNCE_MS);
  return () => {
    clearTimeout(timer);
    clearTimeout(verifyTimer);
    inFlight?.abort();
    changes.dispose();
    schema();
    if (!model.isDisposed()) {
      monaco.editor.setModelMarkers(model, DQL_MARKER_OWNER, []);
      monaco.editor.setModelMarkers(model, GRAIL_MARKER_OWNER, []);
    }
  };
}
