/**
 * Hover documentation (pure; Monaco renders the markdown): commands, functions (the overload the
 * analyzer resolved), named parameters, fields with their known types, keywords and operators.
 */
import type { Analysis } from './analyzer';
import type { Call, Command, Expression } from './ast';
import { pathAt } from './ast-walk';
import type { Node } from './ast-walk';
import type { CommandSpec, FunctionSpec, ParamSpec } from './catalog';
import { findCommand, findFunctions } from './catalog';
import type { GroupData } from './catalog-data/types';
import { paramDetail } from './completion';
import type { Span } from './source-span';

export interface HoverInfo extends Span {
  /** Markdown paragraphs. */
  readonly contents: readonly string[];
}

const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  and: '`a and b`: true when both are true (null if either is null and neither is false).',
  or: '`a or b`: true when either is true (null if either is null and neither is true).',
  xor: '`a xor b`: true when exactly one is true; null if either is null.',
  not: '`not a`: negates a boolean; `not null` is null.',
  in: '`x in [sub-query]`: whether x is among the values the sub-query returns (one field).',
  asc: 'Sorts ascending (smallest first). Only in sort contexts.',
  desc: 'Sorts descending (largest first). Only in sort contexts.',
  true: 'The boolean literal true (any case).',
  false: 'The boolean literal false (any case).',
  null: 'The null literal: no value. Comparisons with null give null.',
};

const OPERATOR_DOCS: Readonly<Record<string, string>> = {
  '==': '`==`: equality; null if either side is null, false for values of different types.',
  '!=': '`!=`: inequality; null if either side is null.',
  '<>': '`<>`: inequality (same as `!=`).',
  '~': '`x ~ "term"`: case-insensitive search for a token; `*` allowed at the start or end.',
  '@': '`t @ unit`: rounds a timestamp down to the unit (`now()@d`, `@h` = `now()@h`).',
  '|': '`|`: passes the records of the command before to the next command.',
};

export function hoverAt(a: Analysis, offset: number): HoverInfo | undefined {
  const token = a.tokens.find((t) => t.start <= offset && offset < t.end);
  if (!token) return undefined;
  if (
    token.kind === 'keyword' &&
    KEYWORD_DOCS[token.value] &&
    !(token.value === 'in' && isCallName(a, token.start))
  ) {
    return { start: token.start, end: token.end, contents: [KEYWORD_DOCS[token.value] as string] };
  }
  if (token.kind === 'punctuation' && OPERATOR_DOCS[token.value]) {
    return { start: token.start, end: token.end, contents: [OPERATOR_DOCS[token.value] as string] };
  }
  const path = pathAt(a.ast, offset);
  const command = [...path].reverse().find((n): n is Command => n.type === 'command');
  const innermost = path[path.length - 1];
  if (!innermost) return undefined;

  if (command && within(command.nameSpan, offset)) {
    const spec = findCommand(command.name);
    return spec && { start: command.nameSpan.start, end: command.nameSpan.end, contents: commandDocs(spec) };
  }
  for (const n of [...path].reverse()) {
    if (n.type === 'call' && within(n.nameSpan, offset)) {
      const spec = a.calls.get(n) ?? findFunctions(n.name)[0];
      return spec && { start: n.nameSpan.start, end: n.nameSpan.end, contents: functionDocs(spec) };
    }
    if (n.type === 'named' && within(n.nameSpan, offset)) {
      const owner = ownerOf(path, n, a);
      const target = owner?.names.get(n.name.toLowerCase());
      return target && { start: n.nameSpan.start, end: n.nameSpan.end, contents: paramDocs(target, owner) };
    }
  }
  if (innermost.type === 'field') return fieldDocs(innermost, a, command);
  if (innermost.type === 'literal' && innermost.literal.kind === 'duration') {
    return { start: innermost.start, end: innermost.end, contents: [`duration \`${innermost.raw}\``] };
  }
  return undefined;
}

const within = (s: Span, offset: number) => s.start <= offset && offset < s.end;

function isCallName(a: Analysis, start: number): boolean {
  return [...a.calls.keys()].some((c) => c.nameSpan.start === start);
}

/** The command or function a named parameter belongs to. */
function ownerOf(path: readonly Node[], named: Node, a: Analysis): CommandSpec | FunctionSpec | undefined {
  const parent = path[path.indexOf(named) - 1];
  if (parent?.type === 'call') return a.calls.get(parent as Call) ?? findFunctions(parent.name)[0];
  if (parent?.type === 'command') return findCommand(parent.name);
  return undefined;
}

function commandDocs(c: CommandSpec): string[] {
  const named = c.params.filter((p) => p.named && !p.group);
  const groups = c.groups.map((g) => `\`${g.name}: {…}\``);
  const params = [...named.map((p) => `\`${paramDetail(p)}\``), ...groups];
  return [
    `**${c.name}**${c.experimental ? ' *(experimental)*' : ''}${c.isSource ? ' — data source' : ''}`,
    c.description,
    '```dql\n' + c.synopsis + '\n```',
    ...(params.length ? [`Named parameters: ${params.join(', ')}`] : []),
  ];
}

export function functionDocs(f: FunctionSpec): string[] {
  const returns = f.returns.length >= 14 ? 'any' : f.returns.join(' | ');
  const flags = [f.experimental ? 'experimental' : '', f.deprecated ? 'deprecated' : ''].filter(Boolean);
  return [
    `**${f.name}()** → ${returns} *(${f.category}${flags.length ? ', ' + flags.join(', ') : ''})*`,
    f.description,
    '```dql\n' + f.synopsis + '\n```',
  ];
}

function paramDocs(target: ParamSpec | GroupData, owner: CommandSpec | FunctionSpec | undefined): string[] {
  const where = owner ? ` of \`${owner.name}\`` : '';
  if ('braces' in target) return [`**${target.name}:** parameter group${where}`];
  return [`**${target.name}:** parameter${where}`, '`' + paramDetail(target) + '`'];
}

function fieldDocs(e: Expression & { type: 'field' }, a: Analysis, command: Command | undefined): HoverInfo {
  const scope = command ? a.scopes.get(command) : undefined;
  const types = a.types.get(e) ?? scope?.fields.get(e.name);
  const known = scope?.fields.has(e.name);
  const origin = scope?.origin ? ` (from ${scope.origin})` : '';
  const detail = known ? (types ? types.join(' | ') : 'type unknown') + origin : 'not a known field here';
  return { start: e.start, end: e.end, contents: [`field \`${e.name}\`: ${detail}`] };
}
