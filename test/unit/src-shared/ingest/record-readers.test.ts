import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BulkInputError } from '../../../../src-shared/ingest/bulk-input-error';
import { createRecordReader, detectBulkFormat } from '../../../../src-shared/ingest/record-readers';
import type { BulkFileFormat, SourceRecord } from '../../../../src-shared/ingest/record-readers';

/** Feeds the text in chunks of the given sizes (the last size repeats). */
function read(format: BulkFileFormat, text: string, sizes: number[] = [text.length || 1]): SourceRecord[] {
  const reader = createRecordReader(format);
  const out: SourceRecord[] = [];
  let at = 0;
  for (let k = 0; at < text.length; k++) {
    const size = Math.max(1, sizes[Math.min(k, sizes.length - 1)] as number);
    out.push(...reader.push(text.slice(at, at + size)));
    at += size;
  }
  out.push(...reader.end());
  return out;
}

function failure(fn: () => unknown): BulkInputError {
  try {
    fn();
  } catch (err) {
    if (err instanceof BulkInputError) return err;
    throw err;
  }
  throw new Error('expected a BulkInputError');
}

describe('NDJSON reader', () => {
  it('yields one record per non-blank line with its line number, across chunk borders and CRLF', () => {
    const text = '\uFEFF{"a":1}\r\n\n{"b":"x\\ny"}\n  \n{"c":3}';
    const records = read('ndjson', text, [3]);
    expect(records).toEqual([
      { text: '{"a":1}', at: { line: 1, column: 1 } },
      { text: '{"b":"x\\ny"}', at: { line: 3, column: 1 } },
      { text: '{"c":3}', at: { line: 5, column: 1 } },
    ]);
  });
});

describe('JSON array reader', () => {
  it('splits the elements whatever the chunking, keeping strings with brackets intact', () => {
    const elements = ['{"a":"]}[{,"}', '{"b":{"c":[1,2,{"d":"\\"}"}]}}', '{}'];
    const text = `[\n  ${elements.join(',\n  ')}\n]\n`;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 5 }), (sizes) => {
        const records = read('json-array', text, sizes);
        expect(records.map((r) => r.text)).toEqual(elements);
        expect(records.map((r) => r.at)).toEqual([
          { line: 2, column: 3 },
          { line: 3, column: 3 },
          { line: 4, column: 3 },
        ]);
      }),
    );
  });

  it('accepts an empty array', () => {
    expect(read('json-array', ' [ ] ')).toEqual([]);
  });

  it.each([
    ['{"a":1}', 1, 1, "Expected '['"],
    ['[{"a":1} {"b":2}]', 1, 10, "Expected ',' or ']'"],
    ['[{"a":1},\n 42]', 2, 2, 'is not a JSON object'],
    ['[{"a":1},]', 1, 10, 'Expected another element'],
    ['[{"a":1}', 1, 9, 'not closed'],
    ['[{"a":1}] x', 1, 11, 'after the end'],
    ['', 1, 1, 'empty'],
  ])('positions the error in %j', (text, line, column, reason) => {
    const err = failure(() => read('json-array', text));
    expect(err.position).toEqual({ line, column });
    expect(err.reason).toContain(reason);
  });

  it('stops 100k-deep nesting at the depth limit without buffering it all or overflowing the stack', () => {
    const deep = `[${'['.repeat(100_000)}`;
    const err = failure(() => read('json-array', `[{"a":${deep}}]`, [4096]));
    expect(err.reason).toContain('nested deeper');
    expect(err.position?.line).toBe(1);
  });
});

describe('CSV reader', () => {
  it('uses the header row for field names, types numbers and booleans, keeps quoted line breaks', () => {
    const text = 'event.type,total,ok,note,code\r\norder,12.5,true,"a, ""b""\nc",007\n\nrefund,-3,false,,x\n';
    const records = read('csv', text, [5]);
    expect(records.map((r) => JSON.parse(r.text))).toEqual([
      { 'event.type': 'order', total: 12.5, ok: true, note: 'a, "b"\nc', code: '007' },
      { 'event.type': 'refund', total: -3, ok: false, code: 'x' },
    ]);
    expect(records.map((r) => r.at)).toEqual([{ line: 2 }, { line: 4 }]);
  });

  it('refuses a ragged row by its row number', () => {
    const err = failure(() => read('csv', 'a,b\n1,2\n3\n4,5\n'));
    expect(err.message).toBe('row 3: The row has 1 cells; the header has 2.');
  });

  it('refuses duplicate and empty header names, and a file ending inside quotes', () => {
    expect(failure(() => read('csv', 'a,a\n1,2\n')).reason).toContain("'a' twice");
    expect(failure(() => read('csv', 'a,\n1,2\n')).reason).toContain('Header cell 2 is empty');
    expect(failure(() => read('csv', 'a,b\n1,"2\n')).reason).toContain('inside a quoted cell');
  });
});

describe('detectBulkFormat', () => {
  it('uses the extension, then the first character', () => {
    expect(detectBulkFormat('x.CSV', '{')).toBe('csv');
    expect(detectBulkFormat('x.jsonl', '[')).toBe('ndjson');
    expect(detectBulkFormat('x.json', '\n [')).toBe('json-array');
    expect(detectBulkFormat('x.json', '{"a":1}')).toBe('ndjson');
    expect(detectBulkFormat('x.txt', 'a,b')).toBe('csv');
  });
});
