import { useEffect, useEffectEvent, useRef, useState } from 'react';
import { monaco } from '../../dql-monaco/monaco';
import { DQL_LANGUAGE_ID, followColorScheme, registerDql } from '../../dql-monaco/dql-language';
import type { SourcePosition } from '../results/query-summary';

const MARKER_OWNER = 'bizlens.run';

export interface EditorProblem {
  position: SourcePosition;
  message: string;
}

interface DqlEditorProps {
  /** Text at mount; afterwards the editor owns its text and reports changes. */
  initialValue: string;
  onChange: (value: string) => void;
  /** Ctrl/Cmd+Enter. */
  onRun: () => void;
  /** The last run's syntax error, drawn as a squiggle until the text changes. */
  problem?: EditorProblem | undefined;
}

/** Monaco editor for DQL. Creates its model and editor on mount and disposes both on unmount. */
export function DqlEditor({ initialValue, onChange, onRun, problem }: DqlEditorProps) {
  const hostRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const [firstValue] = useState(initialValue);
  const handleChange = useEffectEvent((value: string) => onChange(value));
  const handleRun = useEffectEvent(() => onRun());

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
    const changes = model.onDidChangeContent(() => {
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
      handleChange(model.getValue());
    });
    const stopFollowingTheme = followColorScheme();
    editorRef.current = instance;
    return () => {
      stopFollowingTheme();
      changes.dispose();
      runAction.dispose();
      instance.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, [firstValue]);

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
