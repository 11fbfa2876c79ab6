/** Kept in one place; the build's package.json version check lives in test/unit/src-main/app/version.test.ts. */
export const APP_NAME = 'Bizlens';
export const APP_VERSION = '0.1.0';
