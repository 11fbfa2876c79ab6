/** Editing model of the bulk generator's field generators (form rows → the IPC spec). */
import type { FieldGenerator } from '../../../src-shared/ingest/generator';

export type GeneratorKind = FieldGenerator['kind'];

export const GENERATOR_KINDS: { kind: GeneratorKind; label: string }[] = [
  { kind: 'sequence', label: 'Sequence' },
  { kind: 'uuid', label: 'UUID' },
  { kind: 'timestampRange', label: 'Timestamp range' },
  { kind: 'pick', label: 'Pick from list' },
  { kind: 'randomNumber', label: 'Random number' },
];

/** One row of the form: every parameter as typed text, so half-typed values are not lost. */
export interface GeneratorRow {
  key: number;
  field: string;
  kind: GeneratorKind;
  start: string;
  step: string;
  prefix: string;
  from: string;
  to: string;
  values: string;
  min: string;
  max: string;
  decimals: string;
}

let nextKey = 1;

export function newRow(kind: GeneratorKind = 'sequence', field = ''): GeneratorRow {
  const now = Date.now();
  return {
    key: nextKey++,
    field,
    kind,
    start: '1',
    step: '1',
    prefix: '',
    from: new Date(now - 3_600_000).toISOString(),
    to: new Date(now).toISOString(),
    values: 'card, paypal, invoice',
    min: '1',
    max: '100',
    decimals: '0',
  };
}

/** The row as a generator, or a message saying what to fix. */
export function toGenerator(row: GeneratorRow): FieldGenerator | string {
  const field = row.field.trim();
  if (!field) return 'Enter a field name.';
  const num = (text: string, what: string): number | string => {
    const n = Number(text);
    return text.trim() === '' || !Number.isFinite(n) ? `${what} must be a number.` : n;
  };
  switch (row.kind) {
    case 'sequence': {
      const start = num(row.start, 'Start');
      const step = num(row.step, 'Step');
      if (typeof start === 'string') return start;
      if (typeof step === 'string') return step;
      return { field, kind: 'sequence', start, step, ...(row.prefix ? { prefix: row.prefix } : {}) };
    }
    case 'uuid':
      return { field, kind: 'uuid' };
    case 'timestampRange': {
      if (Number.isNaN(Date.parse(row.from)) || Number.isNaN(Date.parse(row.to)))
        return 'From and to must be ISO times, e.g. 2026-01-01T00:00:00Z.';
      return {
        field,
        kind: 'timestampRange',
        from: new Date(row.from).toISOString(),
        to: new Date(row.to).toISOString(),
      };
    }
    case 'pick': {
      const values = row.values
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
        .map((v) =>
          /^-?\d+(\.\d+)?$/.test(v) ? Number(v) : v === 'true' || v === 'false' ? v === 'true' : v,
        );
      return values.length
        ? { field, kind: 'pick', values }
        : 'List at least one value, separated by commas.';
    }
    case 'randomNumber': {
      const min = num(row.min, 'Min');
      const max = num(row.max, 'Max');
      const decimals = num(row.decimals, 'Decimals');
      if (typeof min === 'string') return min;
      if (typeof max === 'string') return max;
      if (typeof decimals === 'string') return decimals;
      if (min > max) return 'Min must not exceed max.';
      if (!Number.isInteger(decimals) || decimals < 0 || decimals > 10) return 'Decimals must be 0 to 10.';
      return { field, kind: 'randomNumber', min, max, decimals };
    }
  }
}
