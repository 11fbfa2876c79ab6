import { describe, expect, it } from 'vitest';
import { markSegments } from '../../../src-renderer/features/composer/PayloadEditor';
import { computePreview } from '../../../src-renderer/features/composer/preview';
import {
  describeIndexes,
  previewProblems,
  revealLabel,
} from '../../../src-renderer/features/composer/problems';

const ctx = () => ({ nowNs: 1_700_000_000_000_000_000n, newId: () => 'id' });

describe('previewProblems', () => {
  it('lists rejected events first, each with the range of the event in the text', () => {
    const text =
      '[{"specversion":"1.0","id":"1","source":"s","type":"t"},\n {"specversion":"1.0","id":"2","type":"t"}]';
    const problems = previewProblems(computePreview(text, 'application/cloudevents-batch+json', ctx()));
    expect(problems[0]).toMatchObject({
      severity: 'error',
      where: 'Event 1',
      message: expect.stringMatching(/^Rejected: .*'source'/),
    });
    const r = problems[0]?.range;
    expect(r && text.slice(r.start, r.end)).toBe('{"specversion":"1.0","id":"2","type":"t"}');
  });

  it('turns grouped warnings into one problem naming the events, pointing at the key', () => {
    const text = '[{"o":{"a":1}},{"o":{"a":2}}]';
    const problems = previewProblems(computePreview(text, 'application/json', ctx()));
    const nested = problems.find((p) => p.key === 'nested-object:o');
    expect(nested).toMatchObject({ severity: 'warning', where: 'Events 0, 1' });
    expect(nested?.range && text.slice(nested.range.start, nested.range.end)).toBe('"o"');
  });

  it("names each problem's Show button by event and field, so one event's buttons differ", () => {
    const text = '{"customer":{"a":1},"tags":[1]}';
    const labels = previewProblems(computePreview(text, 'application/json', ctx())).map(revealLabel);
    expect(labels).toContain("Show in payload: Event 0, 'customer'");
    expect(labels).toContain("Show in payload: Event 0, 'tags'");
    expect(new Set(labels).size).toBe(labels.length);
    const syntax = previewProblems(computePreview('{\n  "a": }', 'application/json', ctx()));
    expect(syntax.map(revealLabel)).toEqual(['Show in payload: Line 2, column 8']);
  });

  it('reports a syntax error with line and column and where to put the caret', () => {
    const problems = previewProblems(computePreview('{\n  "a": }', 'application/json', ctx()));
    expect(problems).toEqual([
      expect.objectContaining({ severity: 'error', where: 'Line 2, column 8', range: { start: 9, end: 10 } }),
    ]);
  });

  it('says nothing about an empty payload', () => {
    expect(previewProblems(computePreview('  ', 'application/json', ctx()))).toEqual([]);
  });
});

describe('describeIndexes', () => {
  it('names one, a few, or counts many', () => {
    expect(describeIndexes([3])).toBe('Event 3');
    expect(describeIndexes([1, 4, 7])).toBe('Events 1, 4, 7');
    expect(describeIndexes(Array.from({ length: 1000 }, (_, i) => i))).toBe(
      '1,000 events (0, 1, 2, 3, 4, …)',
    );
  });
});

describe('markSegments', () => {
  it('splits text into marked and unmarked runs, merging overlaps and clamping', () => {
    expect(
      markSegments('abcdefgh', [
        { start: 5, end: 20 },
        { start: 1, end: 3 },
        { start: 2, end: 4 },
      ]),
    ).toEqual([
      { text: 'a', marked: false },
      { text: 'bc', marked: true },
      { text: 'd', marked: true },
      { text: 'e', marked: false },
      { text: 'fgh', marked: true },
    ]);
    expect(markSegments('abc', [])).toEqual([{ text: 'abc', marked: false }]);
  });
});
