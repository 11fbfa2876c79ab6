/**
 * Safety levels, enforced in main (the UI only asks): a production environment accepts writes only
 * with the user's explicit confirmation on that request; a read-only one refuses them outright.
 */
import { AppError } from '../../src-shared/errors';
import type { EnvironmentProfile } from '../platform/settings-file';

export function assertWriteAllowed(
  profile: Pick<EnvironmentProfile, 'name' | 'safety'>,
  confirmedProduction: boolean,
): void {
  const safety = profile.safety ?? 'normal';
  if (safety === 'read-only')
    throw new AppError(
      'ENVIRONMENT_READ_ONLY',
      `"${profile.name}" is read-only: Bizlens does not send events to it. Change its safety level under Connections to allow it.`,
    );
  if (safety === 'production' && !confirmedProduction)
    throw new AppError(
      'CONFIRMATION_REQUIRED',
      `"${profile.name}" is a production environment: confirm before sending events to it.`,
      { safety },
    );
}
