import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src-shared/dql/analyzer';
import { complete } from '../../../../src-shared/dql/completion';
import { DEFAULT_SCHEMA, withLearnedFields } from '../../../../src-shared/dql/schema';

/** Completes at `¦`; returns the replaced range and the labels, best first. */
function at(marked: string, schema = DEFAULT_SCHEMA) {
  const offset = marked.indexOf('¦');
  const r = complete(analyze(marked.replace('¦', ''), schema), offset);
  const labels = [...r.items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label);
  return { from: r.from, to: r.to, labels, items: r.items };
}

describe('complete', () => {
  it('offers data sources at the start and processing commands after |', () => {
    expect(at('¦').labels.slice(0, 2)).toEqual(['fetch', 'data']);
    expect(at('fetch bizevents | li¦').labels.slice(0, 3)).toEqual(['filter', 'fields', 'fieldsAdd']);
    expect(at('fetch bizevents | li¦')).toMatchObject({ from: 18, to: 20 });
    expect(at('fetch bizevents | lookup [¦').labels[0]).toBe('fetch');
    expect(at('fetch bizevents | lookup [fetch logs | ¦]').labels[0]).toBe('filter');
  });

  it('offers data objects after fetch and named parameters after a comma', () => {
    expect(at('fetch biz¦').labels[0]).toBe('bizevents');
    expect(at('fetch bizevents, ¦').labels).toEqual([
      'bucket:',
      'from:',
      'samplingRatio:',
      'scanLimitGBytes:',
      'timeframe:',
      'to:',
    ]);
    expect(at('fetch bizevents, from: -1h, ¦').labels).not.toContain('from:');
    const by = at('fetch bizevents | summarize count(), ¦').items.find((i) => i.label === 'by:');
    expect(by?.insertText).toBe('by: {$0}');
  });

  it('offers fields in scope, then functions, in expressions', () => {
    const r = at('fetch bizevents | fieldsAdd n = 1 | filter ev¦');
    expect(r.labels).toEqual(expect.arrayContaining(['event.type', 'n', 'contains', 'true']));
    expect(r.labels.indexOf('event.type')).toBeLessThan(r.labels.indexOf('contains'));
    expect(r).toMatchObject({ from: 43, to: 45 });
    const fn = r.items.find((i) => i.label === 'contains');
    expect(fn).toMatchObject({ kind: 'function', insertText: 'contains($0)' });
    expect(at('fetch bizevents | summarize c = count() | filter ¦').labels.slice(0, 1)).toEqual(['c']);
  });

  it('offers fields learned from recent results, quoted where needed', () => {
    const schema = withLearnedFields(DEFAULT_SCHEMA, 'bizevents', new Map([['my total', ['long' as const]]]));
    const item = at('fetch bizevents | filter ¦', schema).items.find((i) => i.label === 'my total');
    expect(item).toMatchObject({ kind: 'field', insertText: '`my total`', detail: 'long' });
  });

  it('puts aggregations first where they belong', () => {
    expect(at('fetch bizevents | summarize ¦').labels[0]).toBe('avg');
    const ts = at('fetch bizevents | makeTimeseries ¦').items.find((i) => i.label === 'avg');
    expect(ts?.detail).toContain('[, rate]');
  });

  it('offers a function’s named parameters and enum values', () => {
    expect(at('fetch bizevents | filter contains(event.type, "a", ¦').labels[0]).toBe('caseSensitive:');
    expect(at('fetch bizevents | join [fetch logs], kind: ¦').labels).toEqual([
      'leftOuter',
      'inner',
      'outer',
    ]);
    expect(at('fetch bizevents | sort timestamp ¦').labels).toContain('desc');
    expect(at('fetch bizevents | filter timestamp ¦').labels).not.toContain('desc');
  });

  it('offers nothing inside strings and comments', () => {
    expect(at('fetch bizevents | filter x == "ev¦"').labels).toEqual([]);
    expect(at('fetch bizevents // ev¦').labels).toEqual([]);
  });

  it('offers no fields where a constant is required', () => {
    const labels = at('fetch bizevents | limit ¦').labels;
    expect(labels).not.toContain('event.type');
    expect(labels).toContain('toLong');
  });
});
