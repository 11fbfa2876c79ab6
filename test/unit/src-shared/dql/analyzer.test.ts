import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src-shared/dql/analyzer';
import type { Call } from '../../../../src-shared/dql/ast';
import { parse } from '../../../../src-shared/dql/parser';
import {
  DEFAULT_SCHEMA,
  fieldsFromResultTypes,
  learnableDataObject,
  withLearnedFields,
} from '../../../../src-shared/dql/schema';

const codes = (q: string, schema = DEFAULT_SCHEMA) =>
  analyze(q, schema).diagnostics.map((d) => `${d.code}:${q.slice(d.start, d.end)}`);

describe('analyze', () => {
  it('returns syntax and semantic diagnostics together, ordered by position', () => {
    expect(codes('fetch bizevents | filter nope == | limt 1')).toEqual([
      'DQL2024:nope',
      'DQL1012:|',
      'DQL2001:limt',
    ]);
  });

  it('records the scope each command sees', () => {
    const a = analyze(
      'fetch bizevents | fieldsAdd n = 1 | summarize c = count(), by: {event.type} | limit 1',
    );
    const [fetch, add, summarize, limit] = a.ast.commands;
    expect(a.scopes.get(fetch!)?.mode).toBe('unknown');
    expect(a.scopes.get(add!)).toMatchObject({ mode: 'schemaless', origin: 'bizevents' });
    expect(a.scopes.get(summarize!)?.fields.get('n')).toEqual(['long']);
    expect([...(a.scopes.get(limit!)?.fields.keys() ?? [])]).toEqual(['c', 'event.type']);
    expect(a.scopes.get(limit!)?.mode).toBe('closed');
  });

  it('resolves calls to the overload of their context', () => {
    const a = analyze('fetch bizevents | makeTimeseries c = count() | fieldsAdd x = arraySize(c)');
    const categories = [...a.calls.values()].map((f) => `${f.name}:${f.category}`);
    expect(categories).toEqual(['count:expression timeseries', 'arraySize:array']);
    const call = [...a.calls.keys()][0] as Call;
    expect(a.types.get(call)).toEqual(['array', 'double']);
  });

  it('knows fields learned from recent results', () => {
    const learned = fieldsFromResultTypes([
      { indexRange: [0, 1], mappings: { total: { type: 'long' }, ip: { type: 'ip_address' } } },
      { indexRange: [2, 2], mappings: { total: { type: 'double' } } },
    ]);
    expect(learned.get('total')).toEqual(['long', 'double']);
    expect(learned.get('ip')).toEqual(['ip']);
    const schema = withLearnedFields(DEFAULT_SCHEMA, 'bizevents', learned);
    expect(codes('fetch bizevents | filter total > 1', schema)).toEqual([]);
    expect(codes('fetch bizevents | filter totl > 1', schema)).toEqual(['DQL2024:totl']);
    expect(analyze('fetch bizevents | filter totl > 1', schema).diagnostics[0]?.suggestion).toBe('total');
    expect(codes('fetch bizevents | fieldsAdd x = upper(total)', schema)).toEqual(['DQL2022:total']);
  });

  it('learns only from results that are still records of the fetched data object', () => {
    const learnable = (q: string) => learnableDataObject(parse(q).ast);
    expect(learnable('fetch bizevents | filter total > 1 | sort timestamp desc | limit 10')).toBe(
      'bizevents',
    );
    expect(learnable('fetch logs | fieldsRemove content')).toBe('logs');
    expect(learnable('fetch bizevents | summarize count()')).toBeUndefined();
    expect(learnable('fetch bizevents | fieldsAdd x = 1')).toBeUndefined();
    expect(learnable('data record(a = 1)')).toBeUndefined();
  });

  it('stays quiet about missing arguments while a command is incomplete', () => {
    expect(codes('fetch bizevents | filter contains(event.type')).toEqual(['DQL1013:']);
    expect(codes('fetch bizevents | filter contains(event.type)')).toEqual(['DQL2020:contains']);
  });

  it('analyzes execution blocks as queries of their own', () => {
    expect(codes('fetch bizevents | append [limit 1]')).toEqual(['DQL2003:limit']);
    expect(codes('fetch bizevents | filter event.id in [fetch logs | filter nope == 1]')).toEqual([
      'DQL2024:nope',
    ]);
  });
});
