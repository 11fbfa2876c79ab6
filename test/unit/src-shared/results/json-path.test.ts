import { describe, expect, it } from 'vitest';
import { jsonValueExpression } from '../../../../src-shared/results/json-path';
import { parse } from '../../../../src-shared/dql/parser';

describe('jsonValueExpression', () => {
  it('uses jsonField for a top-level key and jsonPath deeper down', () => {
    expect(jsonValueExpression('customer', ['tier'])).toBe('jsonField(customer, "tier")');
    expect(jsonValueExpression('customer', ['address', 'zip'])).toBe('jsonPath(customer, "$.address.zip")');
    expect(jsonValueExpression('items', [0])).toBe('jsonPath(items, "$[0]")');
    expect(jsonValueExpression('my field', ['a b', 2, "it's"])).toBe(
      "jsonPath(`my field`, \"$['a b'][2]['it\\\\'s']\")",
    );
    expect(jsonValueExpression('x', [])).toBeUndefined();
  });

  it('produces expressions the parser accepts', () => {
    for (const path of [['tier'], ['a', 0, 'b c']]) {
      const text = `fetch bizevents\n| fields v = ${jsonValueExpression('customer', path)}`;
      expect(parse(text).diagnostics).toEqual([]);
    }
  });
});
