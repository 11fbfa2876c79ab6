import { useEffect, useId, useState } from 'react';
import { invoke } from '../../api/client';
import { errorMessage } from '../../lib/format';

interface TransferPanelProps {
  /** The environments as listed: an export on screen is made again when they change. */
  environments: readonly unknown[];
  onImported: () => void;
}

/** Export profiles (never secrets) as text to share, and import such text. */
export function TransferPanel({ environments, onImported }: TransferPanelProps) {
  const id = useId();
  const [exported, setExported] = useState<string | null>(null);
  const [text, setText] = useState('');
  const [status, setStatus] = useState<string | null>(null);

  /** The list an export on screen was made from. */
  const [exportedFrom, setExportedFrom] = useState<readonly unknown[] | null>(null);

  const doExport = async () => {
    try {
      const r = await invoke('environments:export', {});
      setExported(r.text);
      setExportedFrom(environments);
      setStatus(`${r.count} environment${r.count === 1 ? '' : 's'} exported, without secrets.`);
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };
  // An export on screen follows the environments (an import, an edit, a removal): never stale.
  useEffect(() => {
    if (exportedFrom === null || exportedFrom === environments) return;
    let live = true;
    invoke('environments:export', {}).then(
      (r) => {
        if (!live) return;
        setExported(r.text);
        setExportedFrom(environments);
      },
      (err: unknown) => live && setStatus(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [environments, exportedFrom]);
  const doImport = async () => {
    try {
      const r = await invoke('environments:import', { text });
      const skipped = r.skipped.map((s) => `${s.name}: ${s.reason}`).join('; ');
      setStatus(
        `Imported ${r.imported.length}.${skipped ? ` Skipped ${r.skipped.length} (${skipped}).` : ''} Add their secrets to use them.`,
      );
      setText('');
      onImported();
    } catch (err) {
      setStatus(errorMessage(err));
    }
  };

  return (
    <section className="transfer" aria-label="Import and export">
      <div className="toolbar">
        <button type="button" className="button button-small" onClick={() => void doExport()}>
          Export environments
        </button>
      </div>
      {exported !== null && (
        <textarea
          aria-label="Exported environments"
          readOnly
          value={exported}
          rows={6}
          className="report-text"
        />
      )}
      <label htmlFor={`${id}-import`} className="inline-label">
        Environments to import
      </label>
      <textarea
        id={`${id}-import`}
        value={text}
        rows={4}
        className="report-text"
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="toolbar">
        <button
          type="button"
          className="button button-small"
          disabled={!text.trim()}
          onClick={() => void doImport()}
        >
          Import
        </button>
      </div>
      {status && (
        <p role="status" aria-label="Import and export status" className="hint">
          {status}
        </p>
      )}
    </section>
  );
}
