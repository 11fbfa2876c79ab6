import { useCallback, useEffect, useState } from 'react';
import type { EnvironmentSummary } from '../../../src-shared/ipc/contract';
import { onOpenInEditor } from '../../lib/open-in-editor';
import { HistoryPanel } from './HistoryPanel';
import { QueryTab } from './QueryTab';
import { useQueryHistory } from './useQueryHistory';
import './query.css';

export const DEFAULT_QUERY = 'fetch bizevents\n| sort timestamp desc\n| limit 100';

interface QueryPanelProps {
  environment: EnvironmentSummary | null;
}

interface Tab {
  id: number;
  title: string;
  initialQuery: string;
}

/**
 * Query tabs, each with its own editor, timeframe, run and result. Hidden tabs stay mounted, so
 * switching keeps their text, undo history and results.
 */
export function QueryPanel({ environment }: QueryPanelProps) {
  const [tabs, setTabs] = useState<Tab[]>([{ id: 1, title: 'Query 1', initialQuery: DEFAULT_QUERY }]);
  const [activeId, setActiveId] = useState(1);
  const [showHistory, setShowHistory] = useState(false);
  const environmentId = environment?.id ?? null;
  const history = useQueryHistory(environmentId);

  const addTab = useCallback((initialQuery = 'fetch bizevents\n| ', title?: string) => {
    setTabs((ts) => {
      const id = Math.max(0, ...ts.map((t) => t.id)) + 1;
      setActiveId(id);
      return [...ts, { id, title: title ?? `Query ${id}`, initialQuery }];
    });
  }, []);

  useEffect(() => onOpenInEditor((r) => addTab(r.query, r.title)), [addTab]);

  const closeTab = useCallback(
    (id: number) => {
      setTabs((ts) => {
        if (ts.length === 1) return ts;
        const i = ts.findIndex((t) => t.id === id);
        const rest = ts.filter((t) => t.id !== id);
        if (id === activeId) setActiveId((rest[Math.max(0, i - 1)] as Tab).id);
        return rest;
      });
    },
    [activeId],
  );

  return (
    <section className="panel query-panel" aria-labelledby="query-heading">
      <div className="panel-header">
        <h2 id="query-heading">Query</h2>
        <div className="query-tabs" role="tablist" aria-label="Query tabs">
          {tabs.map((t) => (
            <div key={t.id} className="query-tab" data-active={t.id === activeId}>
              <button
                type="button"
                role="tab"
                id={`query-tab-${t.id}`}
                aria-selected={t.id === activeId}
                aria-controls={`query-panel-${t.id}`}
                onClick={() => setActiveId(t.id)}
              >
                {t.title}
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
          ))}
          <button type="button" className="query-tab-add" aria-label="New query tab" onClick={() => addTab()}>
            +
          </button>
        </div>
        <div className="toolbar">
          <button
            type="button"
            className="button button-small"
            aria-pressed={showHistory}
            onClick={() => setShowHistory((v) => !v)}
          >
            History
          </button>
        </div>
      </div>
      {showHistory && (
        <HistoryPanel
          entries={history.entries}
          onStar={history.star}
          onOpen={(query) => {
            addTab(query);
            setShowHistory(false);
          }}
        />
      )}
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
            environmentId={environmentId}
            active={t.id === activeId}
            onRan={history.record}
          />
        </div>
      ))}
    </section>
  );
}
