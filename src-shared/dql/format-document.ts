/**
 * "Format document": the query laid out one command per line (`| ` leading), single spaces
 * around operators and after commas, catalogue spelling of command and function names, lower-case
 * keywords — and, unlike the canonical form in format.ts, comments kept. It rewrites whitespace
 * and letter case only, so it cannot change what the query means; text with syntax errors is left
 * alone (undefined).
 */
import { canonicalCommandName, canonicalFunctionName } from './catalog';
import { parse } from './parser';
import type { Token } from './tokens';
import { isPunct } from './tokens';

type Role = 'command' | 'function' | 'sign' | 'call' | 'paren' | 'index' | 'subquery' | 'group';

const OPERATOR_KEYWORDS = new Set(['and', 'or', 'xor', 'not', 'in']);
const CLOSERS = new Set([')', ']', '}']);

const isComment = (t: Token) => t.kind === 'lineComment' || t.kind === 'blockComment';

function endsOperand(t: Token | undefined, roles: ReadonlyMap<Token, Role>): boolean {
  if (!t || roles.get(t) === 'command') return false;
  if (t.kind === 'punctuation') return CLOSERS.has(t.value);
  if (t.kind === 'keyword') return !OPERATOR_KEYWORDS.has(t.value);
  return t.kind !== 'error' && t.kind !== 'eof';
}

/** What each token is, from the token sequence alone (no tree needed). */
function classify(tokens: readonly Token[]): Map<Token, Role> {
  const roles = new Map<Token, Role>();
  let expectCommand = true;
  let prev: Token | undefined;
  const stack: Role[] = [];
  for (const t of tokens) {
    if (isComment(t) || t.kind === 'eof') continue;
    if (expectCommand && t.kind === 'identifier') {
      roles.set(t, 'command');
      expectCommand = false;
    } else if (t.kind === 'identifier' || (t.kind === 'keyword' && t.value === 'in')) {
      // A name followed by `(` is a call; resolved when the `(` arrives.
    } else if (t.kind === 'punctuation') {
      let role: Role | undefined;
      if (t.value === '(') {
        const callee =
          prev && (prev.kind === 'identifier' || (prev.kind === 'keyword' && prev.value === 'in'));
        role = callee && roles.get(prev as Token) !== 'command' ? 'call' : 'paren';
        if (role === 'call') roles.set(prev as Token, 'function');
      } else if (t.value === '[') {
        role = endsOperand(prev, roles) ? 'index' : 'subquery';
        if (role === 'subquery') expectCommand = true;
      } else if (t.value === '{') role = 'group';
      else if (t.value === '-' && !endsOperand(prev, roles)) roles.set(t, 'sign');
      else if (t.value === '|' && (stack.length === 0 || stack[stack.length - 1] === 'subquery'))
        expectCommand = true;
      if (role) {
        roles.set(t, role);
        stack.push(role);
      } else if (CLOSERS.has(t.value)) stack.pop();
    }
    prev = t;
  }
  return roles;
}

function spelled(t: Token, role: Role | undefined): string {
  if (t.kind === 'keyword') return t.value;
  if (role === 'command') return canonicalCommandName(t.text) ?? t.text;
  if (role === 'function') return canonicalFunctionName(t.text) ?? t.text;
  return t.text;
}

function spaceBetween(prev: Token, t: Token, roles: ReadonlyMap<Token, Role>): boolean {
  if (prev.kind === 'punctuation' && ['(', '[', '{', '@'].includes(prev.value)) return false;
  if (roles.get(prev) === 'sign') return false;
  if (t.kind !== 'punctuation') return true;
  if (CLOSERS.has(t.value) || t.value === ',' || t.value === ':') return false;
  const role = roles.get(t);
  if (role === 'call' || role === 'index') return false;
  if (t.value === '@') return !endsOperand(prev, roles);
  return true;
}

export function formatDocument(text: string): string | undefined {
  const { diagnostics, tokens } = parse(text);
  if (diagnostics.some((d) => d.severity === 'error')) return undefined;
  const roles = classify(tokens);
  const lines: string[] = [];
  let line = '';
  let depth = 0;
  let prev: Token | undefined;
  const breakLine = (indent: string) => {
    if (line.trim()) lines.push(line.trimEnd());
    line = indent;
  };
  for (const t of tokens) {
    if (t.kind === 'eof') break;
    const atLineStart = line.trim() === '';
    if (isComment(t)) {
      const ownLine = prev !== undefined && text.slice(prev.end, t.start).includes('\n');
      if (ownLine && !atLineStart) breakLine('  '.repeat(Math.max(1, depth)));
      line += (line.trim() ? ' ' : '') + t.text;
      if (t.kind === 'lineComment') breakLine('  '.repeat(depth === 0 ? 1 : depth + 1));
      prev = t;
      continue;
    }
    if (isPunct(t, '|') && depth === 0) {
      breakLine('');
      line = '| ';
      prev = t;
      continue;
    }
    const role = roles.get(t);
    const needsSpace =
      !atLineStart && prev !== undefined && !isPunct(prev, '|') && spaceBetween(prev, t, roles);
    const continuesPipe = prev !== undefined && isPunct(prev, '|') && depth > 0;
    line += (needsSpace || continuesPipe ? ' ' : '') + spelled(t, role);
    if (t.kind === 'punctuation') {
      if (role === 'call' || role === 'paren' || role === 'index' || role === 'subquery' || role === 'group')
        depth++;
      else if (CLOSERS.has(t.value)) depth = Math.max(0, depth - 1);
    }
    prev = t;
  }
  breakLine('');
  return lines.join('\n') + '\n';
}
