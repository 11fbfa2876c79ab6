import { useEffect, useId, useRef } from 'react';
import { SHORTCUTS } from './shortcuts';

/** A modal list of the editor's keyboard shortcuts; Esc or the button closes it. */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    // No close() on cleanup: its asynchronous `close` event would unmount the sheet again right
    // after React's development double-mount; leaving the DOM takes the dialog out of the top layer.
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="shortcut-sheet" aria-labelledby={headingId} onClose={onClose}>
      <h2 id={headingId}>Keyboard shortcuts</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Keys</th>
            <th scope="col">Action</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar">
        <button type="button" className="button button-primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
