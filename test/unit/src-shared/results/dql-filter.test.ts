import { describe, expect, it } from 'vitest';
import { filterClause } from '../../../../src-shared/results/dql-filter';
import { parse } from '../../../../src-shared/dql/parser';

describe('filterClause', () => {
  it.each([
    ['event.type', 'order.placed', 'string', '| filter event.type == "order.placed"'],
    ['total', '234', 'long', '| filter total == 234'],
    ['price', 1.5, 'double', '| filter price == 1.5'],
    ['ok', false, 'boolean', '| filter ok == false'],
    [
      'timestamp',
      '2024-01-01T00:00:00.000000000Z',
      'timestamp',
      '| filter timestamp == toTimestamp("2024-01-01T00:00:00.000000000Z")',
    ],
    ['took', '2000', 'duration', '| filter took == 2000ns'],
    ['my field', 'a"b\\c', 'string', '| filter `my field` == "a\\"b\\\\c"'],
    ['x', null, 'string', '| filter isNull(x)'],
  ] as const)('%s = %j (%s)', (field, value, type, expected) => {
    expect(filterClause(field, value, type)).toBe(expected);
  });

  it('gives no clause for a record value', () => {
    expect(filterClause('r', { a: 1 }, 'record')).toBeUndefined();
  });

  it('produces DQL the parser accepts', () => {
    for (const [field, value, type] of [
      ['event.type', 'a "quoted"\nline', 'string'],
      ['my field', 'x', 'string'],
      ['timestamp', '2024-01-01T00:00:00Z', 'timestamp'],
      ['took', '5', 'duration'],
    ] as const) {
      const { diagnostics } = parse(`fetch bizevents\n${filterClause(field, value, type)}`);
      expect(diagnostics, `${field}`).toEqual([]);
    }
  });
});
