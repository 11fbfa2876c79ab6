/**
 * Where the cursor is, syntactically, for completion: read from the tokens before it with a small
 * bracket stack, so it works on half-typed text the parser can only partly understand.
 */
import type { Token } from './tokens';
import { isPunct } from './tokens';

export type CompletionSite =
  /** Where a command name goes: query start, after `|`, at the start of `[…]`. */
  | { kind: 'command'; first: boolean }
  /** Inside a command's parameters. */
  | {
      kind: 'commandArgument';
      command: string;
      commandStart: number;
      /** 0-based parameter position (commas so far at this level). */
      index: number;
      /** Set when the value of `name:` is being typed. */
      named?: string;
      /** Positional parameters already written before this one. */
      positionalBefore: number;
      /** Named parameters already given. */
      namesUsed: readonly string[];
      /** True at a parameter's start (after the command name or a comma). */
      atStart: boolean;
      /** Inside `{…}` of a named group (`by: {…}`). */
      group?: string;
    }
  /** Inside a function call's arguments. */
  | {
      kind: 'functionArgument';
      fn: string;
      fnStart: number;
      command: string;
      commandStart: number;
      index: number;
      named?: string;
      namesUsed: readonly string[];
      atStart: boolean;
    }
  /** After a complete operand: operators and keywords fit. */
  | { kind: 'afterOperand'; command: string; commandStart: number }
  /** Inside a string or comment: nothing to complete. */
  | { kind: 'none' };

interface Frame {
  type: 'pipeline' | 'call' | 'group' | 'paren' | 'index';
  /** Pipeline: current command; call: the function. */
  name: string;
  start: number;
  index: number;
  positional: number;
  names: string[];
  named?: string;
  /** Pipeline: the current parameter started as positional (no `name:` so far). */
  sawValue: boolean;
  /** For groups: the named parameter the group belongs to. */
  owner?: string;
}

const frame = (type: Frame['type'], name = '', start = 0, owner?: string): Frame => ({
  type,
  name,
  start,
  index: 0,
  positional: 0,
  names: [],
  sawValue: false,
  ...(owner !== undefined ? { owner } : {}),
});

/** Tokens that end an operand: after them `[` indexes and `(` is not a call. */
function endsOperand(t: Token | undefined): boolean {
  if (!t) return false;
  if (['identifier', 'quotedIdentifier', 'variable', 'long', 'double', 'duration', 'string'].includes(t.kind))
    return true;
  if (t.kind === 'keyword') return ['true', 'false', 'null', 'asc', 'desc'].includes(t.value);
  return isPunct(t, ')') || isPunct(t, ']') || isPunct(t, '}');
}

/**
 * The site at `from` (the start of the word being typed). `tokens` are all tokens of the text;
 * `offset` is the cursor (inside strings/comments nothing is offered).
 */
export function completionSite(tokens: readonly Token[], from: number, offset: number): CompletionSite {
  const inside = tokens.find((t) => t.start < offset && offset < t.end);
  if (inside && ['string', 'singleQuotedString', 'lineComment', 'blockComment'].includes(inside.kind)) {
    return { kind: 'none' };
  }
  const lineComment = tokens.find((t) => t.kind === 'lineComment' && t.start < offset && offset <= t.end);
  if (lineComment) return { kind: 'none' };

  const before = tokens.filter(
    (t) => t.end <= from && t.kind !== 'lineComment' && t.kind !== 'blockComment' && t.kind !== 'eof',
  );
  const stack: Frame[] = [frame('pipeline')];
  let expectCommand = true;
  let first = true;
  let prev: Token | undefined;
  for (const t of before) {
    const top = stack[stack.length - 1] as Frame;
    if (expectCommand) {
      if (t.kind === 'identifier' && top.type === 'pipeline') {
        Object.assign(top, frame('pipeline', t.text, t.start));
        expectCommand = false;
        prev = t;
        continue;
      }
      if (isPunct(t, '|')) {
        prev = t;
        continue;
      }
      expectCommand = false;
    }
    if (t.kind === 'punctuation') {
      switch (t.value) {
        case '|':
          if (top.type === 'pipeline') {
            expectCommand = true;
            first = false;
          }
          break;
        case '(':
          stack.push(
            prev?.kind === 'identifier' || (prev?.kind === 'keyword' && prev.value === 'in')
              ? frame('call', prev.text, prev.start)
              : frame('paren'),
          );
          break;
        case '[':
          // After an operand `[` indexes (`arr[0]`); after a command name it opens a sub-query.
          if (endsOperand(prev) && !(top.type === 'pipeline' && prev?.start === top.start))
            stack.push(frame('index'));
          else {
            stack.push(frame('pipeline'));
            expectCommand = true;
            first = true;
          }
          break;
        case '{':
          stack.push(frame('group', '', t.start, top.named));
          break;
        case ')':
        case ']':
        case '}':
          if (stack.length > 1) stack.pop();
          break;
        case ',':
          top.index++;
          if (!top.named && top.sawValue) top.positional++;
          delete top.named;
          top.sawValue = false;
          break;
        case ':':
          if (prev?.kind === 'identifier') {
            top.named = prev.text;
            top.names.push(prev.text);
            top.sawValue = false;
          }
          break;
      }
    } else if (!top.named) {
      top.sawValue = true;
    }
    prev = t;
  }

  if (expectCommand) return { kind: 'command', first };
  const top = stack[stack.length - 1] as Frame;
  const pipeline = [...stack].reverse().find((f) => f.type === 'pipeline') as Frame;
  const atStart =
    !prev || isPunct(prev, ',') || isPunct(prev, '(') || isPunct(prev, '{') || prev.start === top.start;
  const afterName = prev?.start === pipeline.start && top === pipeline;
  if (endsOperand(prev) && !afterName && !isPunct(prev as Token, ':')) {
    return { kind: 'afterOperand', command: pipeline.name, commandStart: pipeline.start };
  }
  if (top.type === 'call') {
    return {
      kind: 'functionArgument',
      fn: top.name,
      fnStart: top.start,
      command: pipeline.name,
      commandStart: pipeline.start,
      index: top.index,
      ...(top.named ? { named: top.named } : {}),
      namesUsed: top.names,
      atStart: atStart && !top.named,
    };
  }
  const group = top.type === 'group' ? top.owner : undefined;
  return {
    kind: 'commandArgument',
    command: pipeline.name,
    commandStart: pipeline.start,
    index: pipeline.index,
    ...(pipeline.named ? { named: pipeline.named } : {}),
    positionalBefore: pipeline.positional,
    namesUsed: pipeline.names,
    atStart: (afterName || atStart) && !pipeline.named && top === pipeline,
    ...(group ? { group } : {}),
  };
}
