/**
 * The "Export report" file: the environment's latest health snapshot and canary history, rendered by
 * the pure report module with main's redaction (which also knows the secret values main has seen).
 */
import { AppError } from '../../../src-shared/errors';
import { renderHealthReport } from '../../../src-shared/health/report';
import type { EnvironmentSummary, HealthReportFormat } from '../../../src-shared/ipc/contract';
import { redactText } from '../../platform/redaction';
import type { CanaryProbe } from './canary-probe';
import type { HealthChecker } from './health-checker';

export interface HealthReportDeps {
  checker: Pick<HealthChecker, 'latest'>;
  canary: Pick<CanaryProbe, 'runs'>;
  environment(id: string): EnvironmentSummary | undefined;
  app: { name: string; version: string; edition: string };
}

export function healthReport(d: HealthReportDeps, environmentId: string, format: HealthReportFormat) {
  const snapshot = d.checker.latest(environmentId);
  if (!snapshot)
    throw new AppError(
      'NO_HEALTH_CHECK',
      'Run the health check for this environment before exporting a report.',
    );
  const env = d.environment(environmentId);
  if (!env) throw new AppError('NOT_FOUND', 'This environment no longer exists.');
  return renderHealthReport(
    {
      snapshot,
      canary: d.canary.runs(environmentId),
      environment: { name: env.name, url: env.url, kind: env.kind, safety: env.safety ?? 'normal' },
      app: d.app,
      generatedAt: new Date().toISOString(),
    },
    format,
    redactText,
  );
}
