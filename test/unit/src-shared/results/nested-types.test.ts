import { describe, expect, it } from 'vitest';
import type { FieldType } from '../../../../src-shared/grail/wire';
import { childType } from '../../../../src-shared/results/nested-types';

describe('childType', () => {
  const mixed: FieldType = {
    type: 'array',
    types: [
      { indexRange: [0, 1], mappings: { element: { type: 'long' } } },
      { indexRange: [2, 2], mappings: { element: { type: 'string' } } },
    ],
  };

  it('finds an array element’s type by the bucket whose inclusive range holds its index', () => {
    expect(childType(mixed, 0)).toEqual({ type: 'long' });
    expect(childType(mixed, 1)).toEqual({ type: 'long' });
    expect(childType(mixed, 2)).toEqual({ type: 'string' });
    expect(childType(mixed, 3)).toBeUndefined();
    expect(childType(mixed, 'element')).toBeUndefined();
  });

  it('finds a record member’s type by name, through nested arrays', () => {
    const order: FieldType = {
      type: 'record',
      types: [
        {
          mappings: {
            total: { type: 'double' },
            items: {
              type: 'array',
              types: [{ indexRange: [0, 4], mappings: { element: { type: 'long' } } }],
            },
          },
        },
      ],
    };
    expect(childType(order, 'total')).toEqual({ type: 'double' });
    expect(childType(childType(order, 'items'), 3)).toEqual({ type: 'long' });
    expect(childType(order, 'missing')).toBeUndefined();
    expect(childType(order, 0)).toBeUndefined();
  });

  it('knows nothing inside untyped or scalar values', () => {
    expect(childType(undefined, 0)).toBeUndefined();
    expect(childType({ type: 'array' }, 0)).toBeUndefined();
    expect(childType({ type: 'long' }, 'x')).toBeUndefined();
  });
});
