import type { GeneratorRow } from './field-generators';

/** The inputs a field generator kind needs, named "<Parameter> <row number>". */
export function GeneratorParams({
  row,
  n,
  update,
}: {
  row: GeneratorRow;
  n: number;
  update: (patch: Partial<GeneratorRow>) => void;
}) {
  // A visible caption above each input: a placeholder alone vanishes once the input holds a value,
  // and a sequence row then showed two bare "1"s with no word which was the start and which the step.
  const input = (key: keyof GeneratorRow, label: string, width = '7em') => (
    <label className="generator-param">
      <span className="generator-param-caption">{label}</span>
      <input
        aria-label={`${label} ${n}`}
        placeholder={label.toLowerCase()}
        style={{ width }}
        value={String(row[key])}
        onChange={(e) => update({ [key]: e.target.value })}
      />
    </label>
  );
  switch (row.kind) {
    case 'sequence':
      return (
        <>
          {input('prefix', 'Prefix')}
          {input('start', 'Start')}
          {input('step', 'Step')}
        </>
      );
    case 'uuid':
      return null;
    case 'timestampRange':
      return (
        <>
          {input('from', 'From', '15em')}
          {input('to', 'To', '15em')}
        </>
      );
    case 'pick':
      return input('values', 'Values', '18em');
    case 'randomNumber':
      return (
        <>
          {input('min', 'Min')}
          {input('max', 'Max')}
          {input('decimals', 'Decimals', '5em')}
        </>
      );
  }
}
