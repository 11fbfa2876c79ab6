/**
 * `query:parse`: the query's syntax tree as the Query API's DQLNode tree (reference §2.4).
 * Containers group, terminals carry canonical text, and concatenating every terminal's
 * `canonicalString` gives exactly the canonical query (`metadata.grail.canonicalQuery`) — the one
 * documented property of the tree, and what the tests check. Positions are the user's text spans.
 */
import type { Expression, Parameter, Query } from '../../src-shared/dql/ast';
import { canonicalCommandName, canonicalFunctionName } from '../../src-shared/dql/catalog';
import { formatExpression, formatFieldName } from '../../src-shared/dql/format';
import type { Span } from '../../src-shared/dql/source-span';
import { toTokenPosition } from '../../src-shared/dql/source-span';
import type { TokenPosition } from '../../src-shared/grail/wire';

export interface DqlTerminal {
  nodeType: 'TERMINAL';
  type: string;
  canonicalString: string;
  isMandatoryOnUserOrder: boolean;
  isOptional: boolean;
  tokenPosition?: TokenPosition;
}

export interface DqlContainer {
  nodeType: 'CONTAINER';
  type: string;
  children: DqlNode[];
  isOptional: boolean;
  tokenPosition?: TokenPosition;
}

export type DqlNode = DqlTerminal | DqlContainer;

export function parseTree(query: Query, text: string): DqlContainer {
  const at = (s: Span | undefined): { tokenPosition?: TokenPosition } =>
    s && s.end >= s.start && s.start < Math.max(text.length, 1)
      ? { tokenPosition: toTokenPosition(text, s) }
      : {};
  const terminal = (type: string, canonicalString: string, span?: Span): DqlTerminal => ({
    nodeType: 'TERMINAL',
    type,
    canonicalString,
    isMandatoryOnUserOrder: false,
    isOptional: false,
    ...at(span),
  });
  const container = (type: string, children: DqlNode[], span?: Span): DqlContainer => ({
    nodeType: 'CONTAINER',
    type,
    children,
    isOptional: false,
    ...at(span),
  });
  const separated = (items: DqlNode[], separator: () => DqlNode): DqlNode[] =>
    items.flatMap((n, i) => (i === 0 ? [n] : [separator(), n]));
  const comma = (): DqlNode =>
    container('PARAMETER_SEPARATOR', [terminal('COMMA', ','), terminal('SPACE', ' ')]);

  const parameter = (p: Parameter): DqlNode =>
    p.type === 'named'
      ? container(
          'PARAMETER_WITH_KEY',
          [terminal('PARAMETER_KEY', p.name, p.nameSpan), terminal('COLON', ':'), expression(p.value)],
          p,
        )
      : expression(p.value);

  /** A binary operand, with the parentheses the canonical text gives it. */
  const operand = (e: Expression, whole: string, left: boolean): DqlNode => {
    const inner = formatExpression(e);
    const wrapped = left ? whole.startsWith(`(${inner})`) : whole.endsWith(`(${inner})`);
    const node = expression(e);
    return wrapped
      ? container('EXPRESSION', [terminal('PARENTHESIS_OPEN', '('), node, terminal('PARENTHESIS_CLOSE', ')')])
      : node;
  };

  const expression = (e: Expression): DqlNode => {
    switch (e.type) {
      case 'literal': {
        const text = formatExpression(e);
        const kind = e.literal.kind;
        const type =
          kind === 'string'
            ? 'STRING'
            : kind === 'boolean'
              ? e.literal.value === true
                ? 'BOOLEAN_TRUE'
                : 'BOOLEAN_FALSE'
              : kind === 'null'
                ? 'NULL'
                : 'NUMBER';
        return kind === 'duration'
          ? container(
              'DURATION',
              [
                terminal('NUMBER', text.slice(0, text.length - e.literal.unit.length)),
                terminal('TIME_UNIT', e.literal.unit),
              ],
              e,
            )
          : terminal(type, text, e);
      }
      case 'field':
        return container('IDENTIFIER', [terminal('SIMPLE_IDENTIFIER', formatFieldName(e.name), e)], e);
      case 'call':
        return container(
          'FUNCTION',
          [
            terminal('FUNCTION_NAME', canonicalFunctionName(e.name) ?? e.name, e.nameSpan),
            terminal('PARENTHESIS_OPEN', '('),
            ...separated(e.args.map(parameter), comma),
            terminal('PARENTHESIS_CLOSE', ')'),
          ],
          e,
        );
      case 'binary': {
        const whole = formatExpression(e);
        return container(
          'EXPRESSION',
          [
            operand(e.left, whole, true),
            terminal('SPACE', ' '),
            terminal(e.op === '~' ? 'SEARCH_OPERATOR' : 'OPERATOR', e.op, e.opSpan),
            terminal('SPACE', ' '),
            operand(e.right, whole, false),
          ],
          e,
        );
      }
      case 'assign':
        return container(
          'PARAMETER_ASSIGNMENT',
          [
            container('PARAMETER_NAMING', [
              terminal('SIMPLE_IDENTIFIER', formatFieldName(e.target.name), e.target),
            ]),
            terminal('SPACE', ' '),
            terminal('ASSIGNMENT', '='),
            terminal('SPACE', ' '),
            expression(e.value),
          ],
          e,
        );
      case 'sortDirection':
        return container(
          'EXPRESSION',
          [expression(e.expr), terminal('SPACE', ' '), terminal('PARAMETER_MODIFIER', e.direction)],
          e,
        );
      case 'group':
        return container(
          'GROUP',
          [
            terminal('BRACE_OPEN', '{'),
            ...separated(e.items.map(parameter), comma),
            terminal('BRACE_CLOSE', '}'),
          ],
          e,
        );
      case 'subquery':
        return container(
          'EXECUTION_BLOCK',
          [terminal('BRACKET_OPEN', '['), queryNode(e.query), terminal('BRACKET_CLOSE', ']')],
          e,
        );
      default:
        // unary, index, alignment, variables: one terminal of canonical text.
        return container('EXPRESSION', [terminal('OPERATOR', formatExpression(e), e)], e);
    }
  };

  const queryNode = (q: Query): DqlContainer =>
    container(
      'QUERY',
      separated(
        q.commands.map((c) => {
          const name = terminal('COMMAND_NAME', canonicalCommandName(c.name) ?? c.name, c.nameSpan);
          const params = c.params.length
            ? [terminal('SPACE', ' '), container('PARAMETERS', separated(c.params.map(parameter), comma))]
            : [];
          return container('COMMAND', [name, ...params], c);
        }),
        () =>
          container('COMMAND_SEPARATOR', [
            terminal('LINEBREAK', '\n'),
            terminal('PIPE', '|'),
            terminal('SPACE', ' '),
          ]),
      ),
      q,
    );

  return queryNode(query);
}

/** Concatenated terminal text (= the canonical query). */
export function canonicalText(node: DqlNode): string {
  return node.nodeType === 'TERMINAL' ? node.canonicalString : node.children.map(canonicalText).join('');
}
