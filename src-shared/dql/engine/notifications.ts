/**
 * The notifications a result's metadata.grail carries when a limit cut it short (reference
 * §2.3.3). Shaped like Grail's: severity, type, message, String.format messageFormat, arguments.
 * ⚠ Only RESULT_LIMIT_RECORDS's message is confirmed; the other types are named as third-party
 * clients see them, their message texts are the sandbox's own.
 */
import type { MetadataNotification } from '../../grail/wire';

function warning(
  notificationType: string,
  messageFormat: string,
  args: readonly string[],
): MetadataNotification {
  return {
    severity: 'WARNING',
    notificationType,
    message: messageFormat.replace(/%(\d+)\$s/g, (_, n: string) => args[Number(n) - 1] ?? ''),
    messageFormat,
    arguments: [...args],
    messageFormatSpecifierTypes: args.map(() => 'NUMBER'),
  };
}

/** Numbers as Grail's messages print them: integers plainly, fractions without trailing zeros. */
function number(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toPrecision(12)));
}

export function resultLimitNotification(limit: number): MetadataNotification {
  return warning('RESULT_LIMIT_RECORDS', 'Your result has been limited to %1$s.', [String(limit)]);
}

export function resultBytesNotification(maxBytes: number): MetadataNotification {
  return warning('RESULT_LIMIT_BYTES', 'Your result has been limited to %1$s bytes.', [number(maxBytes)]);
}

export function scanLimitNotification(gigabytes: number): MetadataNotification {
  return warning(
    'SCAN_LIMIT_GBYTES',
    'The scan limit of %1$s GB was reached. The result may be incomplete.',
    [number(gigabytes)],
  );
}

export function fetchTimeoutNotification(seconds: number): MetadataNotification {
  return warning(
    'FETCH_TIMEOUT',
    'Fetching data took longer than %1$s seconds and was stopped. The result may be incomplete.',
    [number(seconds)],
  );
}
