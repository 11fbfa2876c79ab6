/**
 * English month and day names, as Java's DateTimeFormatter writes them in the English locale: the
 * names formatTimestamp writes and the DPL time matchers read (⚠ other locales are not supported).
 */
export const MONTH_NAMES: readonly string[] = [
  ...['January', 'February', 'March', 'April', 'May', 'June'],
  ...['July', 'August', 'September', 'October', 'November', 'December'],
];

/** ISO order: Monday is day 1. */
export const DAY_NAMES: readonly string[] = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
];
