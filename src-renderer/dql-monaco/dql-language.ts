/**
 * Registers the DQL language with Monaco: Monarch highlighting generated from the lexer's tables,
 * and completion, hover, signature help, quick fixes and formatting from src-shared/dql. Also the
 * editor themes. Markers are attached per model (markers.ts).
 */
import { completionProvider } from './completion-provider';
import { formatProvider } from './format-provider';
import { hoverProvider } from './hover-provider';
import { dqlMonarch } from './monarch';
import { monaco } from './monaco';
import { quickFixProvider } from './quick-fix-provider';
import { signatureHelpProvider } from './signature-provider';

export const DQL_LANGUAGE_ID = 'dql';

const configuration: monaco.languages.LanguageConfiguration = {
  // Dotted names are one word (`event.type`), as in the lexer.
  wordPattern: /(-?\d+(?:\.\d+)?[A-Za-z]*)|([A-Za-z_$][\w]*(?:\.[\w]+)*)/g,
  comments: { lineComment: '//', blockComment: ['/*', '*/'] },
  brackets: [
    ['(', ')'],
    ['{', '}'],
    ['[', ']'],
  ],
  autoClosingPairs: [
    { open: '(', close: ')' },
    { open: '{', close: '}' },
    { open: '[', close: ']' },
    { open: '"', close: '"', notIn: ['string'] },
    { open: '`', close: '`', notIn: ['string'] },
  ],
  surroundingPairs: [
    { open: '(', close: ')' },
    { open: '"', close: '"' },
    { open: '`', close: '`' },
  ],
};

export const DQL_THEME_LIGHT = 'bizlens-light';
export const DQL_THEME_DARK = 'bizlens-dark';

let registered = false;

/** Registers the language and themes once (idempotent; Monaco has no unregister for these). */
export function registerDql(): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: DQL_LANGUAGE_ID, aliases: ['DQL', 'dql'], extensions: ['.dql'] });
  monaco.languages.setMonarchTokensProvider(DQL_LANGUAGE_ID, dqlMonarch());
  monaco.languages.setLanguageConfiguration(DQL_LANGUAGE_ID, configuration);
  monaco.languages.registerCompletionItemProvider(DQL_LANGUAGE_ID, completionProvider);
  monaco.languages.registerHoverProvider(DQL_LANGUAGE_ID, hoverProvider);
  monaco.languages.registerSignatureHelpProvider(DQL_LANGUAGE_ID, signatureHelpProvider);
  monaco.languages.registerCodeActionProvider(DQL_LANGUAGE_ID, quickFixProvider, {
    providedCodeActionKinds: ['quickfix'],
  });
  monaco.languages.registerDocumentFormattingEditProvider(DQL_LANGUAGE_ID, formatProvider);

  monaco.editor.defineTheme(DQL_THEME_LIGHT, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword.command', foreground: '5b3cc4', fontStyle: 'bold' },
      { token: 'keyword', foreground: '0b63ce' },
      { token: 'predefined', foreground: '8a4b00' },
      { token: 'variable', foreground: 'a1420e' },
      { token: 'operator', foreground: '4a5566' },
      { token: 'string.invalid', foreground: 'c50f1f', fontStyle: 'underline' },
      { token: 'invalid', foreground: 'c50f1f' },
      { token: 'attribute.name', foreground: '2f6f4f' },
      { token: 'string', foreground: 'a31515' },
      { token: 'number', foreground: '0a7f76' },
      { token: 'delimiter.pipe', foreground: '8b93a1', fontStyle: 'bold' },
      { token: 'comment', foreground: '7c8594', fontStyle: 'italic' },
    ],
    colors: { 'editor.background': '#ffffff', 'editorLineNumber.foreground': '#a3aab5' },
  });
  monaco.editor.defineTheme(DQL_THEME_DARK, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'keyword.command', foreground: 'b9a3ff', fontStyle: 'bold' },
      { token: 'keyword', foreground: '6cb6ff' },
      { token: 'predefined', foreground: 'e0b46c' },
      { token: 'variable', foreground: 'f0a070' },
      { token: 'operator', foreground: 'a8b3c4' },
      { token: 'string.invalid', foreground: 'ff6b6b', fontStyle: 'underline' },
      { token: 'invalid', foreground: 'ff6b6b' },
      { token: 'attribute.name', foreground: '7fd1a6' },
      { token: 'string', foreground: 'f0907a' },
      { token: 'number', foreground: '5fd3c6' },
      { token: 'delimiter.pipe', foreground: '7d8799', fontStyle: 'bold' },
      { token: 'comment', foreground: '7d8799', fontStyle: 'italic' },
    ],
    colors: { 'editor.background': '#161a21', 'editorLineNumber.foreground': '#566071' },
  });
}

/** Applies the theme matching `prefers-color-scheme` and follows changes; returns a disposer. */
export function followColorScheme(): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  const apply = () => monaco.editor.setTheme(query.matches ? DQL_THEME_DARK : DQL_THEME_LIGHT);
  apply();
  query.addEventListener('change', apply);
  return () => query.removeEventListener('change', apply);
}
