import { describe, expect, it } from 'vitest';
import { analyze } from '../../../../src-shared/dql/analyzer';
import { hoverAt } from '../../../../src-shared/dql/hover';
import { signatureAt } from '../../../../src-shared/dql/signature-help';

const split = (marked: string) => ({ text: marked.replace('¦', ''), offset: marked.indexOf('¦') });
const hover = (marked: string) => {
  const { text, offset } = split(marked);
  return hoverAt(analyze(text), offset);
};
const signature = (marked: string) => {
  const { text, offset } = split(marked);
  return signatureAt(analyze(text), offset);
};

describe('hoverAt', () => {
  it('explains commands with synopsis and named parameters', () => {
    const h = hover('fet¦ch bizevents');
    expect(h).toMatchObject({ start: 0, end: 5 });
    expect(h?.contents.join('\n')).toMatch(/\*\*fetch\*\*.*data source[\s\S]*samplingRatio: double \| long/);
  });

  it('explains the overload a call resolved to', () => {
    expect(hover('fetch bizevents | summarize av¦g(timestamp)')?.contents[0]).toContain('(aggregation)');
    expect(hover('fetch bizevents | makeTimeseries av¦g(timestamp)')?.contents[0]).toContain(
      '(expression timeseries)',
    );
    expect(hover('fetch bizevents | filter matchesRe¦gex(event.type, "a")')?.contents[0]).toContain(
      'deprecated',
    );
  });

  it('explains named parameters, fields, keywords and operators', () => {
    expect(hover('fetch bizevents, fr¦om: -1h')?.contents.join(' ')).toContain(
      'from: duration | long | string | timestamp',
    );
    expect(
      hover('fetch bizevents | fieldsAdd s = substring(event.type, fr¦om: 1)')?.contents.join(' '),
    ).toContain('from: long = 0');
    expect(hover('fetch bizevents | filter event.t¦ype == "a"')?.contents[0]).toBe(
      'field `event.type`: string (from bizevents)',
    );
    expect(hover('fetch bizevents | filter tot¦al > 1')?.contents[0]).toContain('not a known field');
    expect(hover('fetch bizevents | filter a an¦d b')?.contents[0]).toContain('both are true');
    expect(hover('fetch bizevents | filter a ¦~ "b"')?.contents[0]).toContain('search');
    expect(hover('fetch bizevents ¦ ')).toBeUndefined();
  });
});

describe('signatureAt', () => {
  it('shows the synopsis with the parameter being typed', () => {
    const s = signature('fetch bizevents | filter contains(event.type, ¦');
    expect(s?.label).toBe('contains(expression, substring [, caseSensitive])');
    expect(s?.activeParameter).toBe(1);
    const [start, end] = s?.parameters[1]?.label ?? [0, 0];
    expect(s?.label.slice(start, end)).toBe('substring');
  });

  it('follows named arguments and stays outside calls', () => {
    expect(signature('fetch bizevents | fieldsAdd s = substring(event.type, to: ¦')?.activeParameter).toBe(2);
    expect(signature('fetch bizevents | filter ¦')).toBeUndefined();
    expect(signature('fetch bizevents | filter contains(a, "b") and ¦')).toBeUndefined();
  });
});
