import { describe, expect, it } from 'vitest';
import { renderHealthReport, type ReportInput } from '../../../../src-shared/health/report';
import type { HealthSnapshot } from '../../../../src-shared/ipc/contract';

const TOKEN =
  'dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ01';

const snapshot: HealthSnapshot = {
  environmentId: 'env-1',
  ranAt: '2024-05-01T12:00:01.000Z',
  current: { start: '2024-05-01T11:00:00.000Z', end: '2024-05-01T12:00:00.000Z' },
  previous: { start: '2024-05-01T10:00:00.000Z', end: '2024-05-01T11:00:00.000Z' },
  durationMs: 321,
  panels: [
    {
      id: 'volume',
      title: 'Events per provider and type over time',
      query: 'fetch bizevents\n| filter a == "x|y"',
      durationMs: 12,
      records: 3,
      truncated: false,
    },
  ],
  volume: {
    intervalMs: 60_000,
    bucketStarts: [],
    series: [{ provider: `leaky ${TOKEN}`, type: 'a|b', total: 3, counts: [] }],
    total: 3,
  },
  providers: [
    {
      provider: 'gone<script>',
      current: 0,
      previous: 2,
      lastSeen: '2024-05-01T10:30:00Z',
      silent: true,
      canary: false,
    },
  ],
  missing: null,
  duplicates: null,
  sizes: null,
  findings: [
    {
      severity: 'problem',
      code: 'silent-provider',
      title: 'Provider “gone<script>” went silent',
      detail: 'd',
    },
  ],
};

const input: ReportInput = {
  snapshot,
  canary: [
    {
      id: 'run-1',
      environmentId: 'env-1',
      trigger: 'manual',
      startedAt: '2024-05-01T12:00:05.000Z',
      eventId: 'bizlens-canary-1',
      state: 'arrived',
      sendMs: 40,
      queryableMs: 1250,
      polls: 3,
      status: 202,
    },
  ],
  environment: {
    name: 'Prod EU',
    url: 'https://abc12345.live.dynatrace.com',
    kind: 'tenant',
    safety: 'production',
  },
  app: { name: 'Bizlens', version: '1.2.3', edition: 'desktop' },
  generatedAt: '2024-05-01T12:01:00.000Z',
};

describe('health report', () => {
  it('renders Markdown with environment, versions, timings, findings, canary and DQL', () => {
    const r = renderHealthReport(input, 'markdown');
    expect(r).toMatchObject({
      fileName: 'bizlens-health-2024-05-01T12-01-00-000Z.md',
      mimeType: 'text/markdown',
    });
    expect(r.text).toContain('# Ingestion health — Prod EU');
    expect(r.text).toContain('- URL: https://abc12345.live.dynatrace.com');
    expect(r.text).toContain('by Bizlens 1.2.3 (desktop)');
    expect(r.text).toContain('in 321 ms');
    expect(r.text).toContain('- PROBLEM: Provider “gone<script>” went silent. d');
    expect(r.text).toContain('| 2024-05-01T12:00:05.000Z | arrived | 40 ms | 1,250 ms | 3 |');
    // Pipes in cells are escaped so the table keeps its columns; code blocks stay verbatim.
    expect(r.text).toContain('| a\\|b | 3 |');
    expect(r.text).toContain('```dql\nfetch bizevents\n| filter a == "x|y"\n```');
  });

  it('passes every text through the redaction function', () => {
    for (const format of ['markdown', 'html'] as const) {
      const r = renderHealthReport(input, format);
      expect(r.text).not.toContain(TOKEN);
      expect(r.text).toContain('dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.[REDACTED]');
    }
    const custom = renderHealthReport(input, 'markdown', (t) => t.replaceAll('Prod EU', '[REDACTED]'));
    expect(custom.text).not.toContain('Prod EU');
  });

  it('escapes HTML', () => {
    const r = renderHealthReport(input, 'html');
    expect(r.mimeType).toBe('text/html');
    expect(r.text).toContain('<title>Ingestion health — Prod EU</title>');
    expect(r.text).toContain('gone&#60;script&#62;');
    expect(r.text).not.toContain('<script>');
  });
});
