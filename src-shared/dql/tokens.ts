/**
 * Token kinds and the lexical tables of DQL (reference §1.3, after the IntelliJ plugin's JFlex
 * lexer). These tables are data on purpose: the engine's lexer and the editor's highlighter
 * (Monarch) both read them, so they cannot drift apart.
 */
import type { Span } from './source-span';

export type TokenKind =
  | 'identifier' // dt.entity.host, fetch, count
  | 'quotedIdentifier' // `my field`
  | 'variable' // $name
  | 'long' // 42, 0xFF
  | 'double' // 2.5, 1e3
  | 'duration' // 5m, 24h (a "numbered identifier")
  | 'string' // "…" or """…"""
  | 'singleQuotedString' // '…' (lexed so the parser can say DQL wants double quotes)
  | 'keyword' // and or xor not true false null in asc desc
  | 'punctuation'
  | 'lineComment'
  | 'blockComment'
  | 'error' // a character the lexer cannot place
  | 'eof';

export interface Token extends Span {
  readonly kind: TokenKind;
  /** The source text of the token. */
  readonly text: string;
  /** Decoded content for strings and quoted identifiers; lower-cased keyword; punctuation itself. */
  readonly value: string;
}

/** Keywords are case-insensitive (the IJ lexer is %ignorecase for them). */
export const KEYWORDS = ['and', 'or', 'xor', 'not', 'true', 'false', 'null', 'in', 'asc', 'desc'] as const;
export type Keyword = (typeof KEYWORDS)[number];

/** Longest first, so the lexer can take the first match. */
export const PUNCTUATION = [
  '==',
  '!=',
  '<>',
  '>=',
  '<=',
  '|',
  '>',
  '<',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '=',
  ',',
  ':',
  '.',
  '+',
  '-',
  '*',
  '/',
  '%',
  '@',
  '~',
] as const;
export type Punctuation = (typeof PUNCTUATION)[number];

/** Duration literal units (case-sensitive: m = minutes, M = months). `us` appears for alignment. */
export const DURATION_UNITS = ['ns', 'us', 'ms', 's', 'm', 'h', 'd', 'w', 'M', 'q', 'y'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

/** Nanoseconds per fixed-length unit; calendar units (M q y) have no fixed length. */
export const DURATION_UNIT_NS: Readonly<Partial<Record<DurationUnit, bigint>>> = {
  ns: 1n,
  us: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
  w: 604_800_000_000_000n,
};

export function isKeyword(tok: Token, kw: Keyword): boolean {
  return tok.kind === 'keyword' && tok.value === kw;
}

export function isPunct(tok: Token, p: Punctuation): boolean {
  return tok.kind === 'punctuation' && tok.value === p;
}

/**
 * Character classes of the lexical grammar (reference §1.3), as regex sources: the lexer builds its
 * matchers from them and the editor's Monarch highlighter builds its rules from them.
 */
export const CHAR_CLASSES = {
  identifierStart: 'A-Za-z_',
  identifierPart: 'A-Za-z0-9_',
  digit: '0-9',
  hexDigit: '0-9a-fA-F',
} as const;

/** Identifier shape that needs no backticks: starts with a-zA-Z_, continues with a-zA-Z0-9_ and dots. */
export const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*$/;
