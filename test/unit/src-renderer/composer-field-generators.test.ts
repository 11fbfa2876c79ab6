import { describe, expect, it } from 'vitest';
import { newRow, toGenerator } from '../../../src-renderer/features/composer/field-generators';
import { compileGenerator } from '../../../src-shared/ingest/generator';

describe('bulk field generator rows', () => {
  it('turns each kind of row into a generator the compiler accepts', () => {
    const rows = [
      { ...newRow('sequence', 'n'), prefix: 'ORD-', start: '5', step: '2' },
      newRow('uuid', 'u'),
      { ...newRow('timestampRange', 'timestamp'), from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' },
      { ...newRow('pick', 'p'), values: 'card, 42, true' },
      { ...newRow('randomNumber', 'r'), min: '1', max: '9', decimals: '2' },
    ];
    const fields = rows.map(toGenerator);
    expect(fields[0]).toEqual({ field: 'n', kind: 'sequence', start: 5, step: 2, prefix: 'ORD-' });
    expect(fields[3]).toEqual({ field: 'p', kind: 'pick', values: ['card', 42, true] });
    const gen = compileGenerator({
      template: '{"event.type":"t"}',
      count: 2,
      seed: 1,
      fields: fields.filter((f) => typeof f !== 'string'),
    });
    expect(JSON.parse(gen.eventText(1, 'id'))).toMatchObject({
      n: 'ORD-7',
      timestamp: '2026-01-02T00:00:00.000Z',
    });
  });

  it('says what to fix in a half-filled row', () => {
    expect(toGenerator(newRow('uuid', ' '))).toBe('Enter a field name.');
    expect(toGenerator({ ...newRow('sequence', 'n'), step: 'x' })).toBe('Step must be a number.');
    expect(toGenerator({ ...newRow('randomNumber', 'r'), min: '5', max: '1' })).toBe(
      'Min must not exceed max.',
    );
    expect(toGenerator({ ...newRow('pick', 'p'), values: ' , ' })).toMatch(/at least one value/);
    expect(toGenerator({ ...newRow('timestampRange', 't'), from: 'yesterday' })).toMatch(/ISO times/);
  });
});
