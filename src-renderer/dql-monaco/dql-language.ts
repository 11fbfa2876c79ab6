/**
 * Minimal DQL highlighting (Monarch) and the editor themes. The full language service (completion,
 * hover, diagnostics driven by src-shared/dql) replaces the word lists here later.
 */
import { monaco } from './monaco';

export const DQL_LANGUAGE_ID = 'dql';

const COMMANDS = [
  'append',
  'data',
  'dedup',
  'describe',
  'expand',
  'fetch',
  'fields',
  'fieldsAdd',
  'fieldsFlatten',
  'fieldsKeep',
  'fieldsRemove',
  'fieldsRename',
  'fieldsSummary',
  'filter',
  'filterOut',
  'join',
  'joinNested',
  'limit',
  'load',
  'lookup',
  'makeTimeseries',
  'parse',
  'search',
  'smartscapeNodes',
  'sort',
  'summarize',
  'timeseries',
];

const KEYWORDS = ['and', 'or', 'not', 'xor', 'asc', 'desc', 'true', 'false', 'null'];

const language: monaco.languages.IMonarchLanguage = {
  defaultToken: '',
  ignoreCase: false,
  commands: COMMANDS,
  keywords: KEYWORDS,
  brackets: [
    { open: '(', close: ')', token: 'delimiter.parenthesis' },
    { open: '{', close: '}', token: 'delimiter.curly' },
    { open: '[', close: ']', token: 'delimiter.square' },
  ],
  tokenizer: {
    root: [
      { include: '@whitespace' },
      [/\|/, 'delimiter.pipe'],
      // named parameters such as `by:` `from:` `alias:`
      [/[a-zA-Z_][\w]*(?=\s*:(?!:))/, 'attribute.name'],
      [
        /[a-zA-Z_][\w.]*(?=\s*\()/,
        { cases: { '@commands': 'keyword.command', '@keywords': 'keyword', '@default': 'predefined' } },
      ],
      [
        /[a-zA-Z_][\w.]*/,
        { cases: { '@commands': 'keyword.command', '@keywords': 'keyword', '@default': 'identifier' } },
      ],
      [/`/, { token: 'identifier.quote', next: '@quotedIdentifier' }],
      [/"/, { token: 'string.quote', next: '@string' }],
      [/\d+(\.\d+)?(ns|us|ms|s|m|h|d|w|y)\b/, 'number.duration'],
      [/\d+\.\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?/, 'number.float'],
      [/\d+/, 'number'],
      [/[=!<>]=?|[-+*/%~]/, 'operator'],
      [/[{}()[\]]/, '@brackets'],
      [/[,:]/, 'delimiter'],
    ],
    whitespace: [
      [/[ \t\r\n]+/, ''],
      [/\/\*/, 'comment', '@comment'],
      [/\/\/.*$/, 'comment'],
    ],
    comment: [
      [/[^/*]+/, 'comment'],
      [/\*\//, 'comment', '@pop'],
      [/[/*]/, 'comment'],
    ],
    string: [
      [/[^\\"]+/, 'string'],
      [/\\./, 'string.escape'],
      [/"/, { token: 'string.quote', next: '@pop' }],
    ],
    quotedIdentifier: [
      [/[^`]+/, 'identifier'],
      [/`/, { token: 'identifier.quote', next: '@pop' }],
    ],
  },
};

const configuration: monaco.languages.LanguageConfiguration = {
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
  monaco.languages.setMonarchTokensProvider(DQL_LANGUAGE_ID, language);
  monaco.languages.setLanguageConfiguration(DQL_LANGUAGE_ID, configuration);

  monaco.editor.defineTheme(DQL_THEME_LIGHT, {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword.command', foreground: '5b3cc4', fontStyle: 'bold' },
      { token: 'keyword', foreground: '0b63ce' },
      { token: 'predefined', foreground: '8a4b00' },
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
