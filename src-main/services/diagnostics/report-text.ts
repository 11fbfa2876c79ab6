/** The plain-text report to paste into a ticket. Built from the findings, then redacted as a whole. */
import type { DiagnosticsReport } from '../../../src-shared/ipc/contract';
import { redactText } from '../../platform/redaction';
import type { DiagnosticsTarget } from '../environments';

const AUTH_LABEL = { oauth: 'OAuth client', apiToken: 'API token', platformToken: 'Platform token' } as const;

export function reportText(
  target: DiagnosticsTarget,
  report: Omit<DiagnosticsReport, 'report'>,
  app: { version: string; edition: string },
  at: Date,
): string {
  const lines = [
    `Bizlens ${app.version} (${app.edition}) — connection test, ${at.toISOString()}`,
    `Environment: ${target.name} — ${AUTH_LABEL[target.authKind]}${target.clientId ? ` ${target.clientId}` : ''}` +
      `${target.tokenIdentifier ? `, secret ${target.tokenIdentifier}.…` : ''}, safety ${target.safety}`,
    `Classic API: ${target.classicBase}`,
    `Platform: ${target.platformBase ?? 'none (Managed)'}`,
    ...(target.tokenUrl
      ? [`Token URL: ${target.tokenUrl}`, `Scopes requested: ${target.scopes.join(' ')}`]
      : []),
    '',
    'Checks:',
    ...report.checks.map(
      (c) =>
        `  [${c.status}] ${c.label}${c.durationMs === undefined ? '' : ` (${c.durationMs} ms)`}: ${c.message}`,
    ),
    '',
    'Scopes per feature:',
    ...report.scopes.map((s) => `  ${s.label} (${s.scope}): ${s.status}`),
  ];
  if (report.missingScopes.length)
    lines.push(
      '',
      `Missing: ${report.missingScopes.join(', ')}`,
      'Suggested IAM policy:',
      ...report.policy.map((p) => `  ${p}`),
    );
  lines.push(
    '',
    `Clock skew: ${report.clockSkewSeconds === null ? 'unknown' : `${report.clockSkewSeconds >= 0 ? '+' : ''}${report.clockSkewSeconds} s (server minus this machine)`}`,
    `Proxy: ${report.proxy ?? 'none'}`,
  );
  return redactText(lines.join('\n'));
}
