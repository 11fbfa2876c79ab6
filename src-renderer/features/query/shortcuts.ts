/** The query editor's keyboard shortcuts, as the sheet (F1 / Shift+?) lists them. */
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl';

export const SHORTCUTS: readonly { keys: string; action: string }[] = [
  { keys: `${mod}+Enter`, action: 'Run the selection, or the statement under the cursor' },
  { keys: 'Esc', action: 'Cancel the running query' },
  { keys: `${mod}+Space`, action: 'Suggest completions' },
  { keys: `${mod}+.`, action: 'Quick fix for the problem under the cursor' },
  { keys: 'F8 / Shift+F8', action: 'Next / previous problem' },
  { keys: 'Shift+Alt+F', action: 'Format the query' },
  { keys: `${mod}+S`, action: 'Save the query to a .dql file' },
  { keys: `${mod}+/`, action: 'Comment or uncomment lines' },
  { keys: `${mod}+F`, action: 'Find in the query' },
  { keys: 'Alt+Shift+T', action: 'Reopen the last closed tab' },
  { keys: 'F1 / Shift+?', action: 'Show this sheet' },
];

/** F1 anywhere; `?` only where it would not be typed into a field or the editor. */
export function opensShortcutSheet(e: KeyboardEvent): boolean {
  if (e.key === 'F1') return true;
  if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey) return false;
  const target = e.target as HTMLElement | null;
  const typing =
    target !== null &&
    (target.isContentEditable ||
      ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) ||
      !!target.closest?.('.monaco-editor'));
  return !typing;
}
