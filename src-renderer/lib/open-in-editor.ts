/**
 * Lets any view (history, ingestion health, …) open a query in a new editor tab without knowing
 * where the editor lives. The query panel subscribes; everyone else only calls openInEditor().
 */
export interface OpenQueryRequest {
  query: string;
  /** Tab title; defaults to "Query N". */
  title?: string;
}

type Listener = (request: OpenQueryRequest) => void;
const listeners = new Set<Listener>();

export function openInEditor(request: OpenQueryRequest): void {
  for (const listener of listeners) listener(request);
}

export function onOpenInEditor(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
