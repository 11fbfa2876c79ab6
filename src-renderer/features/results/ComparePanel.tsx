import { useMemo, useState } from 'react';
import type { ResultRecord } from '../../../src-shared/grail/wire';
import { tsvField } from '../../../src-shared/results/copy-text';
import type { TableResult } from '../../../src-shared/results/record-table';
import { diffResults, rowKey, type ResultDiff } from '../../../src-shared/results/result-diff';
import { formatCount } from '../../lib/format';
import { deriveColumns } from './columns';

const LIST_LIMIT = 100;

export interface Baseline {
  result: TableResult;
  /** When it was kept (shown so the user knows which run it is). */
  keptAt: string;
}

/** Diff of the kept baseline against the current result by chosen key columns. */
export function ComparePanel({
  baseline,
  current,
  onClose,
}: {
  baseline: Baseline;
  current: TableResult;
  onClose: () => void;
}) {
  const common = useMemo(() => {
    const after = new Set(deriveColumns(current));
    return deriveColumns(baseline.result).filter((c) => after.has(c));
  }, [baseline, current]);
  const [keys, setKeys] = useState<string[]>(() => {
    const preferred = ['event.id', 'id'].find((c) => common.includes(c)) ?? common[0];
    return preferred ? [preferred] : [];
  });
  // The diff with the results and keys it was computed for: a new run (or a new baseline, or
  // other keys) makes it stale, so it is no longer shown until "Compare" is pressed again.
  const [computed, setComputed] = useState<{
    diff: ResultDiff;
    baseline: Baseline;
    current: TableResult;
    keys: string[];
  } | null>(null);
  const diff =
    computed && computed.baseline === baseline && computed.current === current && computed.keys === keys
      ? computed.diff
      : null;
  const [error, setError] = useState('');

  const compare = () => {
    try {
      setComputed({
        // The diff keys every record of both: they become objects for it, and go with it.
        diff: diffResults(baseline.result.records.toArray(), current.records.toArray(), keys),
        baseline,
        current,
        keys,
      });
      setError('');
    } catch (e) {
      setComputed(null);
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="compare-panel" aria-label="Compare results">
      <div className="compare-bar">
        <strong>Compare with the baseline kept at {baseline.keptAt}</strong>
        <button type="button" className="button" onClick={onClose}>
          Close compare
        </button>
      </div>
      <fieldset className="compare-keys">
        <legend>Key columns</legend>
        {common.map((c) => (
          <label key={c}>
            <input
              type="checkbox"
              checked={keys.includes(c)}
              onChange={(e) => setKeys(e.target.checked ? [...keys, c] : keys.filter((k) => k !== c))}
            />{' '}
            {c}
          </label>
        ))}
        {common.length === 0 && <span>The two results share no column to compare by.</span>}
      </fieldset>
      <button type="button" className="button" onClick={compare} disabled={keys.length === 0}>
        Compare
      </button>
      {error && (
        <p role="alert" className="compare-error">
          {error}
        </p>
      )}
      {diff && <DiffView diff={diff} />}
    </section>
  );
}

function DiffView({ diff }: { diff: ResultDiff }) {
  const key = (r: ResultRecord) => rowKey(r, diff.keyColumns);
  return (
    <div className="compare-result">
      <p role="status" aria-label="Compare summary">
        {formatCount(diff.added.length)} added, {formatCount(diff.removed.length)} removed,{' '}
        {formatCount(diff.changed.length)} changed, {formatCount(diff.unchanged)} unchanged
        {diff.duplicateKeys.length > 0 &&
          ` (${formatCount(diff.duplicateKeys.length)} keys occur more than once; only their first row was compared)`}
      </p>
      <RowList title="Added rows" rows={diff.added.map((r) => [key(r), rowText(r)])} />
      <RowList title="Removed rows" rows={diff.removed.map((r) => [key(r), rowText(r)])} />
      <RowList
        title="Changed rows"
        rows={diff.changed.map((c) => [
          c.key,
          c.fields
            .map((f) => `${f}: ${tsvField(c.before[f]) || '∅'} → ${tsvField(c.after[f]) || '∅'}`)
            .join('; '),
        ])}
      />
    </div>
  );
}

function rowText(record: ResultRecord): string {
  return Object.entries(record)
    .map(([k, v]) => `${k}=${tsvField(v)}`)
    .join(', ');
}

function RowList({ title, rows }: { title: string; rows: [string, string][] }) {
  if (rows.length === 0) return null;
  return (
    <table className="compare-table" aria-label={title}>
      <caption>
        {title}
        {rows.length > LIST_LIMIT ? ` (first ${LIST_LIMIT} of ${formatCount(rows.length)})` : ''}
      </caption>
      <tbody>
        {rows.slice(0, LIST_LIMIT).map(([k, text]) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{text}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
