import { describe, expect, it } from 'vitest';
import {
  COMMAND_SPECS,
  DATA_SOURCE_COMMANDS,
  FUNCTION_SPECS,
  canonicalFunctionName,
  findCommand,
  findFunctions,
  isKnownDataObject,
} from '../../../../src-shared/dql/catalog';

describe('DQL catalogue', () => {
  it('has every documented command and function, each with a one-line description', () => {
    expect(COMMAND_SPECS).toHaveLength(34);
    expect(FUNCTION_SPECS).toHaveLength(264);
    for (const entry of [...COMMAND_SPECS, ...FUNCTION_SPECS]) {
      expect(entry.description, entry.name).toMatch(/^\S.*\.$/);
      expect(entry.description).not.toContain('\n');
      expect(entry.synopsis.startsWith(entry.name)).toBe(true);
    }
    expect(new Set(FUNCTION_SPECS.map((f) => f.id)).size).toBe(264);
  });

  it('knows the data sources and the shape of each command', () => {
    expect([...DATA_SOURCE_COMMANDS].sort()).toEqual([
      'data',
      'describe',
      'fetch',
      'fieldssnapshot',
      'load',
      'metrics',
      'smartscapeedges',
      'smartscapenodes',
      'timeseries',
    ]);
    const fetch = findCommand('FETCH');
    expect(fetch).toMatchObject({ name: 'fetch', isSource: true, minPositional: 1, maxPositional: 1 });
    expect([...(fetch?.names.keys() ?? [])]).toEqual(
      expect.arrayContaining(['from', 'to', 'timeframe', 'samplingratio', 'scanlimitgbytes', 'bucket']),
    );
    expect(findCommand('summarize')?.groups).toEqual([{ name: 'by', required: false, braces: true }]);
    expect(findCommand('join')?.groups?.find((g) => g.name === 'on')?.required).toBe(true);
    expect(findCommand('sort')?.maxPositional).toBe(Infinity);
  });

  it('keeps overloads of a function name apart by category', () => {
    expect(findFunctions('avg').map((f) => f.category)).toEqual([
      'aggregation',
      'expression timeseries',
      'timeseries',
    ]);
    const substring = findFunctions('substring')[0];
    expect(substring).toMatchObject({ minPositional: 1, maxPositional: 1, returns: ['string'] });
    expect(substring?.params.find((p) => p.name === 'from')).toMatchObject({
      named: true,
      default: '0',
      types: ['long'],
    });
    expect(canonicalFunctionName('COUNT')).toBe('count');
  });

  it('accepts known and dt.entity.* data objects', () => {
    expect(isKnownDataObject('bizevents')).toBe(true);
    expect(isKnownDataObject('dt.entity.kubernetes_cluster')).toBe(true);
    expect(isKnownDataObject('bizevent')).toBe(false);
  });
});
