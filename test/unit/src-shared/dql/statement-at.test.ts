import { describe, expect, it } from 'vitest';
import { statementAt, statementLineEnd, textToRun } from '../../../../src-shared/dql/statement-at';

const text = 'fetch bizevents\n| limit 1\n\n\nfetch logs\n| filter x == "a\n\nb"\n  \nfetch events';

describe('statementAt', () => {
  it('finds the blank-line separated statement under the cursor', () => {
    const at = (needle: string) => {
      const s = statementAt(text, text.indexOf(needle));
      return s && text.slice(s.start, s.end);
    };
    expect(at('bizevents')).toBe('fetch bizevents\n| limit 1');
    // A blank line inside a string does not split the query.
    expect(at('logs')).toBe('fetch logs\n| filter x == "a\n\nb"');
    expect(at('b"')).toBe('fetch logs\n| filter x == "a\n\nb"');
    // A line with only spaces separates too.
    expect(text.slice(statementAt(text, text.lastIndexOf('events'))!.start)).toBe('fetch events');
  });

  it('takes the statement before the cursor when it sits between two', () => {
    const s = statementAt(text, text.indexOf('\n\n\n') + 1);
    expect(s && text.slice(s.start, s.end)).toBe('fetch bizevents\n| limit 1');
  });

  it('takes the first statement for a cursor before it, and nothing for an empty text', () => {
    expect(statementAt('\n\n  fetch a', 0)).toEqual({ start: 4, end: 11 });
    expect(statementAt('  \n ', 1)).toBeUndefined();
  });

  it('keeps a block comment with a blank line in it together', () => {
    const t = 'fetch a /* x\n\ny */ | limit 1\n\nfetch b';
    const s = statementAt(t, 2);
    expect(s && t.slice(s.start, s.end)).toBe('fetch a /* x\n\ny */ | limit 1');
  });
});

describe('textToRun', () => {
  it('runs a non-blank selection as it is, whichever way it was made', () => {
    const start = text.indexOf('fetch logs');
    const end = start + 'fetch logs'.length;
    expect(textToRun(text, { start: end, end: start })?.text).toBe('fetch logs');
  });

  it('runs the statement under the cursor when nothing (or only blanks) is selected', () => {
    const at = text.indexOf('limit');
    expect(textToRun(text, { start: at, end: at })?.text).toBe('fetch bizevents\n| limit 1');
    const blank = text.indexOf('\n\n\n');
    expect(textToRun(text, { start: blank, end: blank + 2 })?.text).toBe('fetch bizevents\n| limit 1');
  });
});

describe('statementLineEnd', () => {
  const insert = (t: string, offset: number) => {
    const at = statementLineEnd(t, offset)!;
    return `${t.slice(0, at)}\n| filter x == 1${t.slice(at)}`;
  };

  it('adds the line to the statement under the cursor, not at the end of the text', () => {
    const t = 'fetch a\n| limit 5\n\nfetch b';
    expect(insert(t, 0)).toBe('fetch a\n| limit 5\n| filter x == 1\n\nfetch b');
    expect(insert(t, t.length)).toBe('fetch a\n| limit 5\n\nfetch b\n| filter x == 1');
  });

  it('ignores trailing blank lines, which would start a statement of their own', () => {
    expect(insert('fetch a\n', 8)).toBe('fetch a\n| filter x == 1\n');
    expect(insert('fetch a\r\n\r\n', 10)).toBe('fetch a\n| filter x == 1\r\n\r\n');
  });

  it('goes after a trailing line comment, and nowhere in a text without tokens', () => {
    expect(insert('fetch a // all of it', 0)).toBe('fetch a // all of it\n| filter x == 1');
    expect(statementLineEnd('  \n', 0)).toBeUndefined();
  });
});
