import type { SafetyLevel } from '../../../src-shared/ipc/contract';

/** "Production" / "Read-only" next to an environment's name, wherever it is shown. */
export function SafetyTag({ safety }: { safety: SafetyLevel | undefined }) {
  if (!safety || safety === 'normal') return null;
  return (
    <span className={`safety-tag safety-${safety}`}>
      {safety === 'production' ? 'Production' : 'Read-only'}
    </span>
  );
}
