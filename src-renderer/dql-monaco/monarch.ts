/**
 * The Monarch highlighter, generated from the lexer's own tables (src-shared/dql/tokens.ts) and the
 * catalogue, so the editor colours exactly what the parser understands: a word is a keyword, a
 * duration unit or a command name for both or for neither.
 * States follow the query's shape: `root` expects a command name, `params` its parameters,
 * `subRoot`/`subParams` the same inside `[…]` execution blocks, `index` inside `expr[…]`.
 */
import type { languages } from 'monaco-editor/esm/vs/editor/editor.api.js';
import { COMMAND_SPECS, DQL_FUNCTIONS } from '../../src-shared/dql/catalog';
import { CHAR_CLASSES, DURATION_UNITS, KEYWORDS, PUNCTUATION } from '../../src-shared/dql/tokens';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const { identifierStart: start, identifierPart: part, digit, hexDigit } = CHAR_CLASSES;

/** The lexer's identifier: a plain or dotted name (`dt.entity.host`). */
export const IDENTIFIER = `[${start}][${part}]*(?:\\.[${part}]+)*`;
const OPERATORS = PUNCTUATION.filter((p) => !'|{}()[],:.'.includes(p));
const COMMAND_NAMES = COMMAND_SPECS.map((c) => c.name);

function commandStart(after: string): languages.IMonarchLanguageRule[] {
  return [
    { include: '@trivia' },
    [/\|/, 'delimiter.pipe'],
    [
      new RegExp(IDENTIFIER),
      {
        cases: {
          '@commands': { token: 'keyword.command', switchTo: after },
          '@default': { token: 'identifier', switchTo: after },
        },
      },
    ],
    [/(?=.)/, { token: '', switchTo: after }],
  ];
}

export function dqlMonarch(): languages.IMonarchLanguage {
  return {
    defaultToken: 'invalid',
    // DQL keywords and command/function names are case-insensitive (reference §1.2).
    ignoreCase: true,
    commands: COMMAND_NAMES,
    functions: [...DQL_FUNCTIONS.values()],
    keywords: [...KEYWORDS],
    brackets: [
      { open: '(', close: ')', token: 'delimiter.parenthesis' },
      { open: '{', close: '}', token: 'delimiter.curly' },
      { open: '[', close: ']', token: 'delimiter.square' },
    ],
    tokenizer: {
      root: commandStart('@params'),
      params: [
        [/\|/, { token: 'delimiter.pipe', switchTo: '@root' }],
        [/\]/, 'delimiter.square'],
        { include: '@expression' },
      ],
      subRoot: [[/\]/, { token: 'delimiter.square', next: '@pop' }], ...commandStart('@subParams')],
      subParams: [
        [/\|/, { token: 'delimiter.pipe', switchTo: '@subRoot' }],
        [/\]/, { token: 'delimiter.square', next: '@pop' }],
        { include: '@expression' },
      ],
      index: [[/\]/, { token: 'delimiter.square', next: '@pop' }], { include: '@expression' }],
      expression: [
        { include: '@trivia' },
        [/"""/, { token: 'string.quote', next: '@tripleString' }],
        [/"/, { token: 'string.quote', next: '@string' }],
        [/'/, { token: 'string.invalid', next: '@singleString' }],
        [/`/, { token: 'identifier.quote', next: '@quotedIdentifier' }],
        [
          new RegExp(`\\[(?=\\s*(?:${COMMAND_NAMES.join('|')})\\b)`),
          { token: 'delimiter.square', next: '@subRoot' },
        ],
        [/\[/, { token: 'delimiter.square', next: '@index' }],
        [/[{}()]/, '@brackets'],
        [new RegExp(`0[xX][${hexDigit}]+`), 'number.hex'],
        [new RegExp(`[${digit}]+(?:\\.[${digit}]+)?[eE][-+]?[${digit}]+`), 'number.float'],
        [new RegExp(`[${digit}]+\\.[${digit}]+`), 'number.float'],
        [new RegExp(`[${digit}]+(?:${DURATION_UNITS.join('|')})(?![${part}])`), 'number.duration'],
        [new RegExp(`[${digit}]+[${start}][${part}]*`), 'invalid'],
        [new RegExp(`[${digit}]+`), 'number'],
        [new RegExp(`\\$[${start}][${part}]*`), 'variable'],
        [new RegExp(`[${start}][${part}]*(?=\\s*:)`), 'attribute.name'],
        [
          new RegExp(`${IDENTIFIER}(?=\\s*\\()`),
          {
            cases: { '@functions': 'predefined', '@keywords': 'keyword', '@default': 'identifier.function' },
          },
        ],
        [new RegExp(IDENTIFIER), { cases: { '@keywords': 'keyword', '@default': 'identifier' } }],
        [new RegExp(OPERATORS.map(escape).join('|')), 'operator'],
        [/[,:.]/, 'delimiter'],
      ],
      trivia: [
        [/\s+/, ''],
        [/\/\*/, { token: 'comment', next: '@blockComment' }],
        [/\/\/.*$/, 'comment'],
      ],
      blockComment: [
        [/[^*]+/, 'comment'],
        [/\*\//, { token: 'comment', next: '@pop' }],
        [/\*/, 'comment'],
      ],
      tripleString: [
        [/"""/, { token: 'string.quote', next: '@pop' }],
        [/[^"]+|"/, 'string'],
      ],
      string: [
        [/[^\\"]+/, 'string'],
        [/\\./, 'string.escape'],
        [/"/, { token: 'string.quote', next: '@pop' }],
      ],
      singleString: [
        [/[^\\']+/, 'string.invalid'],
        [/\\./, 'string.invalid'],
        [/'/, { token: 'string.invalid', next: '@pop' }],
      ],
      quotedIdentifier: [
        [/[^\\`]+/, 'identifier'],
        [/\\./, 'identifier'],
        [/`/, { token: 'identifier.quote', next: '@pop' }],
      ],
    },
  };
}
