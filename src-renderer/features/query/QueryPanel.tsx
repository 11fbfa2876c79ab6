import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { EnvironmentSummary } from '../../../src-shared/ipc/contract';
import { onOpenInEditor } from '../../lib/open-in-editor';
import { SafetyTag } from '../connections/SafetyTag';
import '../connections/connections.css';
import { HistoryPanel } from './HistoryPanel';
import { readDqlFile } from './query-file';
import { QueryTab } from './QueryTab';
import { SavedQueriesPanel } from './SavedQueriesPanel';
import { ShortcutSheet } from './ShortcutSheet';
import { opensShortcutSheet } from './shortcuts';
import { useQueryHistory } from './useQueryHistory';
import { useSavedQueries } from './useSavedQueries';
import './query.css';

export const DEFAULT_QUERY = 'fetch bizevents\n| sort timestamp desc\n| limit 100';
/** Closed tabs remembered for "Reopen closed tab". */
const MAX_CLOSED = 20;

interface QueryPanelProps {
  /** The environment selected in the top bar: what tabs without their own choice run against. */
  environment: EnvironmentSummary | null;
  environments?: readonly EnvironmentSummary[];
}

interface Tab {
  id: number;
  title: string;
  initialQuery: string;
  /** The tab's own environment; null follows the top bar. */
  environmentChoice: string | null;
}

type Side = 'history' | 'saved' | null;

/**
 * Query tabs, each with its own editor, timeframe, environment, run and result. Hidden tabs stay
 * mounted, so switching keeps their text, undo history and results.
 */
export function QueryPanel({ environment, environments = [] }: QueryPanelProps) {
  const [tabs, setTabs] = useState<Tab[]>([
    { id: 1, title: 'Query 1', initialQuery: DEFAULT_QUERY, environmentChoice: null },
  ]);
  const [activeId, setActiveId] = useState(1);
  const [side, setSide] = useState<Side>(null);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [closed, setClosed] = useState<Omit<Tab, 'id'>[]>([]);
  /** Each tab's current text, for reopening it after it was closed. */
  const texts = useRef(new Map<number, string>());
  const fileInput = useRef<HTMLInputElement>(null);

  const environmentOf = useCallback(
    (t: Tab | undefined) =>
      (t?.environmentChoice ? environments.find((e) => e.id === t.environmentChoice) : undefined) ??
      environment,
    [environments, environment],
  );
  const activeEnvironment = environmentOf(tabs.find((t) => t.id === activeId));
  const activeEnvironmentId = activeEnvironment?.id ?? null;
  const history = useQueryHistory(activeEnvironmentId);
  const saved = useSavedQueries(activeEnvironmentId);

  const addTab = useCallback(
    (initialQuery = 'fetch bizevents\n| ', title?: string, environmentChoice: string | null = null) => {
      setTabs((ts) => {
        const id = Math.max(0, ...ts.map((t) => t.id)) + 1;
        setActiveId(id);
        return [...ts, { id, title: title ?? `Query ${id}`, initialQuery, environmentChoice }];
      });
    },
    [],
  );

  useEffect(() => onOpenInEditor((r) => addTab(r.query, r.title)), [addTab]);

  const closeTab = useCallback(
    (id: number) => {
      const i = tabs.findIndex((t) => t.id === id);
      const tab = tabs[i];
      if (tabs.length === 1 || !tab) return;
      const rest = tabs.filter((t) => t.id !== id);
      // Remember the text as it was, so "Reopen closed tab" brings back the edits too.
      const query = texts.current.get(id) ?? tab.initialQuery;
      texts.current.delete(id);
      setClosed((c) => [{ ...tab, initialQuery: query }, ...c].slice(0, MAX_CLOSED));
      setTabs(rest);
      if (id === activeId) setActiveId((rest[Math.max(0, i - 1)] as Tab).id);
    },
    [tabs, activeId],
  );

  const reopenClosed = useCallback(() => {
    const [last, ...rest] = closed;
    if (!last) return;
    setClosed(rest);
    addTab(last.initialQuery, last.title, last.environmentChoice);
  }, [closed, addTab]);

  // F1 / Shift+? show the shortcut sheet; Alt+Shift+T reopens the last closed tab.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (opensShortcutSheet(e)) {
        e.preventDefault();
        setShowShortcuts(true);
      } else if (e.altKey && e.shiftKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyT') {
        e.preventDefault();
        reopenClosed();
      }
    };
    // Capture phase: the editor handles (and stops) keys it has bindings for, F1 among them.
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [reopenClosed]);

  const openFile = async (file: File | undefined) => {
    if (!file) return;
    const opened = await readDqlFile(file);
    if (!opened.ok) {
      setFileError(opened.message);
      return;
    }
    setFileError(null);
    addTab(opened.text, opened.name);
  };

  const setEnvironmentChoice = (id: number, choice: string | null) =>
    setTabs((ts) => ts.map((t) => (t.id === id ? { ...t, environmentChoice: choice } : t)));

  const toggle = (which: Exclude<Side, null>) => setSide((s) => (s === which ? null : which));

  // The tab list as the ARIA tabs pattern has it: one tab stop (the selected tab); arrow keys,
  // Home and End select and focus another tab.
  const onTabKey = (e: ReactKeyboardEvent<HTMLButtonElement>, i: number) => {
    const to =
      e.key === 'ArrowRight'
        ? (i + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : undefined;
    const tab = to === undefined ? undefined : tabs[to];
    if (!tab) return;
    e.preventDefault();
    setActiveId(tab.id);
    document.getElementById(`query-tab-${tab.id}`)?.focus();
  };

  return (
    <section className="panel query-panel" aria-labelledby="query-heading">
      <div className="panel-header">
        <h2 id="query-heading">Query</h2>
        <div className="query-tabs" role="tablist" aria-label="Query tabs">
          {tabs.map((t, i) => {
            const env = environmentOf(t);
            return (
              <div key={t.id} className="query-tab" data-active={t.id === activeId}>
                <button
                  type="button"
                  role="tab"
                  id={`query-tab-${t.id}`}
                  aria-selected={t.id === activeId}
                  aria-controls={`query-panel-${t.id}`}
                  tabIndex={t.id === activeId ? 0 : -1}
                  onClick={() => setActiveId(t.id)}
                  onKeyDown={(e) => onTabKey(e, i)}
                  title={env ? `${t.title} — runs on ${env.name}` : t.title}
                >
                  {env && <span className={`color-dot color-${env.color ?? 'gray'}`} aria-hidden="true" />}
                  {t.title}
                  {t.environmentChoice && env && <span className="query-tab-env"> · {env.name}</span>}
                  {env && <SafetyTag safety={env.safety} />}
                </button>
                {tabs.length > 1 && (
                  <button
                    type="button"
                    className="query-tab-close"
                    aria-label={`Close ${t.title}`}
                    onClick={() => closeTab(t.id)}
                  >
                    ×
                  </button>
                )}
              </div>
            );
          })}
          <button type="button" className="query-tab-add" aria-label="New query tab" onClick={() => addTab()}>
            +
          </button>
        </div>
        <div className="toolbar">
          <button
            type="button"
            className="button button-small"
            onClick={reopenClosed}
            disabled={closed.length === 0}
            title="Reopen closed tab (Alt+Shift+T)"
          >
            Reopen closed tab
          </button>
          <button type="button" className="button button-small" onClick={() => fileInput.current?.click()}>
            Open file
          </button>
          <input
            ref={fileInput}
            type="file"
            accept=".dql,text/plain"
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Open a .dql file"
            onChange={(e) => {
              void openFile(e.target.files?.[0]);
              e.target.value = '';
            }}
          />
          <button
            type="button"
            className="button button-small"
            aria-pressed={side === 'saved'}
            onClick={() => toggle('saved')}
          >
            Saved
          </button>
          <button
            type="button"
            className="button button-small"
            aria-pressed={side === 'history'}
            onClick={() => toggle('history')}
          >
            History
          </button>
          <button
            type="button"
            className="button button-small"
            aria-label="Keyboard shortcuts"
            title="Keyboard shortcuts (F1)"
            onClick={() => setShowShortcuts(true)}
          >
            ?
          </button>
        </div>
      </div>
      {fileError && (
        <div className="banner banner-error" role="alert">
          {fileError}
        </div>
      )}
      {side === 'history' && (
        <HistoryPanel
          entries={history.entries}
          onStar={history.star}
          onOpen={(query) => {
            addTab(query);
            setSide(null);
          }}
        />
      )}
      {side === 'saved' && (
        <SavedQueriesPanel
          queries={saved.queries}
          onRemove={saved.remove}
          onOpen={(q) => {
            addTab(q.query, q.name, q.environmentId);
            setSide(null);
          }}
        />
      )}
      {showShortcuts && <ShortcutSheet onClose={() => setShowShortcuts(false)} />}
      {tabs.map((t) => (
        <div
          key={t.id}
          role="tabpanel"
          id={`query-panel-${t.id}`}
          aria-labelledby={`query-tab-${t.id}`}
          className="query-tab-panel"
          hidden={t.id !== activeId}
        >
          <QueryTab
            initialQuery={t.initialQuery}
            title={t.title}
            environment={environmentOf(t)}
            environments={environments}
            environmentChoice={t.environmentChoice}
            selectedEnvironment={environment}
            onEnvironmentChoice={(choice) => setEnvironmentChoice(t.id, choice)}
            onSaveQuery={saved.save}
            active={t.id === activeId}
            onQueryChange={(q) => texts.current.set(t.id, q)}
            onRan={history.record}
          />
        </div>
      ))}
    </section>
  );
}
