import { useEffect, useEffectEvent, useImperativeHandle, useRef, useState } from 'react';
import type { Ref } from 'react';
import type { Diagnostic } from '../../../src-shared/dql/diagnostics';
import { monaco } from '../../dql-monaco/monaco';
import { DQL_LANGUAGE_ID, followColorScheme, registerDql } from '../../dql-monaco/dql-language';
import { dqlService } from '../../dql-monaco/language-service';
import { watchDiagnostics } from '../../dql-monaco/markers';
import type { Verifier } from '../../dql-monaco/markers';
import { statementLineEnd, textToRun } from '../../../src-shared/dql/statement-at';
import type { SourcePosition } from '../results/query-summary';

const MARKER_OWNER = 'bizlens.run';

export interface EditorProblem {
  position: SourcePosition;
  message: string;
}

/** What the toolbar can ask of the editor. */
export interface EditorController {
  format(): void;
  /** Checks the query offline; returns its diagnostics and moves the cursor to the first one. */
  validate(): readonly Diagnostic[];
  focus(): void;
  /** Adds a line to the statement under the cursor, after its last line (undoable), and focuses there. */
  appendLine(text: string): void;
  /** The text as it is now: a run must not wait for React to catch up with the last keystroke. */
  text(): string | undefined;
  /** What a run executes: the selection, else the statement under the cursor (blank-line separated). */
  runTarget(): string | undefined;
}

interface DqlEditorProps {
  /** Text at mount; afterwards the editor owns its text and reports changes. */
  initialValue: string;
  /** Whose schema (fields learned from its results) completion and checks use. */
  environmentId: string | null;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun: () => void;
  /** Ctrl/Cmd+S: save the query to a `.dql` file. */
  onSaveFile?: () => void;
  /** Asks the environment's Grail `query:verify`; its problems join the local markers. */
  verify?: Verifier | undefined;
  /** The last run's syntax error, drawn as a squiggle until the text changes. */
  problem?: EditorProblem | undefined;
  ref?: Ref<EditorController>;
}

/**
 * Monaco editor for DQL with the language service attached (markers, completion, hover, signature
 * help, quick fixes, formatting). Creates its model and editor on mount and disposes both.
 */
export function DqlEditor({
  initialValue,
  environmentId,
  onChange,
  onRun,
  onSaveFile,
  verify,
  problem,
  ref,
}: DqlEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const [firstValue] = useState(initialValue);
  const handleChange = useEffectEvent((value: string) => onChange(value));
  const handleRun = useEffectEvent(() => onRun());
  const handleSaveFile = useEffectEvent(() => onSaveFile?.());
  const handleVerify = useEffectEvent((text: string, signal: AbortSignal) =>
    verify ? verify(text, signal) : Promise.resolve(undefined),
  );

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    registerDql();
    const model = monaco.editor.createModel(firstValue, DQL_LANGUAGE_ID);
    const instance = monaco.editor.create(host, {
      model,
      ariaLabel: 'DQL query',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      lineHeight: 20,
      fontFamily: 'ui-monospace, SFMono-Regular, "JetBrains Mono", Menlo, Consolas, monospace',
      lineNumbersMinChars: 3,
      glyphMargin: false,
      folding: false,
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      overviewRulerLanes: 0,
      wordWrap: 'on',
      // Completions come from the DQL language service (dql-monaco/), not from words in the text.
      wordBasedSuggestions: 'off',
      tabSize: 2,
      padding: { top: 6, bottom: 6 },
      fixedOverflowWidgets: true,
      scrollbar: { alwaysConsumeMouseWheel: false, verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
    });
    const runAction = instance.addAction({
      id: 'bizlens.runQuery',
      label: 'Run query',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter],
      run: () => handleRun(),
    });
    const saveAction = instance.addAction({
      id: 'bizlens.saveQueryFile',
      label: 'Save query to file',
      keybindings: [monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS],
      run: () => handleSaveFile(),
    });
    // Shift+Alt+F on every platform (Monaco binds Ctrl+Shift+I on Linux).
    const formatAction = instance.addAction({
      id: 'bizlens.formatQuery',
      label: 'Format query',
      keybindings: [monaco.KeyMod.Shift | monaco.KeyMod.Alt | monaco.KeyCode.KeyF],
      run: (ed) => ed.getAction('editor.action.formatDocument')?.run(),
    });
    const changes = model.onDidChangeContent(() => {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      handleChange(model.getValue());
    });
    const stopDiagnostics = watchDiagnostics(model, (text, signal) => handleVerify(text, signal));
    const stopFollowingTheme = followColorScheme();
    editorRef.current = instance;
    return () => {
      stopFollowingTheme();
      stopDiagnostics();
      changes.dispose();
      runAction.dispose();
      saveAction.dispose();
      formatAction.dispose();
      instance.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [firstValue]);

  useImperativeHandle(
    ref,
    () => ({
      format: () => void editorRef.current?.getAction('editor.action.formatDocument')?.run(),
      validate: () => {
        const instance = editorRef.current;
        const model = instance?.getModel();
        if (!instance || !model) return [];
        const { diagnostics } = dqlService.analysis(model);
        const first = diagnostics[0];
        if (first) {
          const at = model.getPositionAt(first.start);
          instance.setPosition(at);
          instance.revealPositionInCenterIfOutsideViewport(at);
        }
        instance.focus();
        return diagnostics;
      },
      focus: () => editorRef.current?.focus(),
      text: () => editorRef.current?.getModel()?.getValue(),
      runTarget: () => {
        const instance = editorRef.current;
        const model = instance?.getModel();
        const sel = instance?.getSelection();
        if (!instance || !model || !sel) return undefined;
        const start = model.getOffsetAt(sel.getStartPosition());
        const end = model.getOffsetAt(sel.getEndPosition());
        return textToRun(model.getValue(), { start, end })?.text;
      },
      appendLine: (text: string) => {
        const instance = editorRef.current;
        const model = instance?.getModel();
        if (!instance || !model) return;
        const value = model.getValue();
        const cursor = instance.getPosition();
        const lineEnd = statementLineEnd(value, cursor ? model.getOffsetAt(cursor) : value.length);
        const at = lineEnd ?? value.length;
        const inserted = (value.length > 0 ? '\n' : '') + text;
        const where = model.getPositionAt(at);
        const range = {
          startLineNumber: where.lineNumber,
          startColumn: where.column,
          endLineNumber: where.lineNumber,
          endColumn: where.column,
        };
        instance.executeEdits('bizlens.results', [{ range, text: inserted, forceMoveMarkers: true }]);
        const after = model.getPositionAt(at + inserted.length);
        instance.setPosition(after);
        instance.revealPosition(after);
        instance.focus();
      },
    }),
    [],
  );

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (model) dqlService.bindModel(model, environmentId);
  }, [environmentId]);

  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    if (!problem) {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      return;
    }
    const { line, column, endLine, endColumn } = problem.position;
    const sameSpot = endLine === line && endColumn <= column;
    monaco.editor.setModelMarkers(model, MARKER_OWNER, [
      {
        severity: monaco.MarkerSeverity.Error,
        message: problem.message,
        startLineNumber: line,
        startColumn: column,
        endLineNumber: endLine,
        endColumn: sameSpot ? column + 1 : endColumn + 1,
      },
    ]);
  }, [problem]);

  return <div className="dql-editor" ref={hostRef} />;
}
