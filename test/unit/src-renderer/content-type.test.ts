import { describe, expect, it } from 'vitest';
import { detectContentType } from '../../../src-renderer/features/composer/content-type';
import { PAYLOAD_TEMPLATES } from '../../../src-renderer/features/composer/templates';

describe('detectContentType', () => {
  it('detects a single CloudEvent by specversion', () => {
    expect(detectContentType('{"specversion":"1.0","id":"1","source":"s","type":"t"}')).toBe(
      'application/cloudevents+json',
    );
  });

  it('detects a batch when every element is a CloudEvent', () => {
    expect(detectContentType('[{"specversion":"1.0"},{"specversion":"1.0"}]')).toBe(
      'application/cloudevents-batch+json',
    );
  });

  it('falls back to pure JSON for everything else', () => {
    for (const text of [
      '{"id":"2","total":234}',
      '[{"specversion":"1.0"},{"id":"x"}]',
      '[]',
      '[1,2]',
      '"specversion"',
      '{"data":{"specversion":"1.0"}}',
      '{"specversion": ',
      '',
      'not json',
    ]) {
      expect(detectContentType(text), text).toBe('application/json');
    }
  });

  it('tolerates leading whitespace and a byte order mark (as ingest does)', () => {
    expect(detectContentType('\uFEFF \n {"specversion":"1.0"}')).toBe('application/cloudevents+json');
    expect(detectContentType('\uFEFF[{"specversion":"1.0"}]')).toBe('application/cloudevents-batch+json');
    expect(detectContentType(' \n\t{"specversion":"1.0"}')).toBe('application/cloudevents+json');
  });

  it('detects a specversion key written with escapes', () => {
    expect(detectContentType('{"\\u0073pecversion":"1.0"}')).toBe('application/cloudevents+json');
    expect(detectContentType('[{"spec\\u0076ersion":"1.0"}]')).toBe('application/cloudevents-batch+json');
  });

  it('agrees with every template', () => {
    for (const t of PAYLOAD_TEMPLATES) expect(detectContentType(t.body), t.id).toBe(t.contentType);
  });
});
