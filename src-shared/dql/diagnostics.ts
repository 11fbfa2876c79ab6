/**
 * Coded diagnostics: DQL1xxx syntax (lexer/parser), DQL2xxx semantic (planner), DQL3xxx runtime.
 * Each code carries the Query API `errorType` / `exceptionType` it surfaces as, and a
 * String.format-style message format (`%1$s`) so the wire error has `errorMessageFormat` +
 * `arguments`, exactly like Grail's. Real errorType names are used where known (reference §2.5).
 */
import type { Span } from './source-span';

export type Severity = 'error' | 'warning';

interface CodeInfo {
  errorType: string;
  exceptionType: string;
  format: string;
  /** Kind of each argument (Grail's errorMessageFormatSpecifierTypes). */
  argTypes?: readonly string[];
}

const SYNTAX = 'DQL-SYNTAX-ERROR';
const PARSING = 'DQL-ERROR-PARSING';
const SEMANTIC = 'DQL-SYNTAX-ERROR';
const RUNTIME = 'DQL-EXECUTION-ERROR';

export const DIAGNOSTIC_CODES = {
  // ── syntax (lexer / parser) ──────────────────────────────────────────────────────────────
  DQL1001: { errorType: 'EMPTY_QUERY', exceptionType: SYNTAX, format: 'The query is empty.' },
  DQL1002: {
    errorType: 'PARSE_ERROR',
    exceptionType: PARSING,
    format: "The character `%1$s` isn't allowed here.",
    argTypes: ['TOKEN'],
  },
  DQL1003: {
    errorType: 'UNTERMINATED_STRING',
    exceptionType: PARSING,
    format: "The string isn't closed. Add `%1$s` at its end.",
    argTypes: ['TOKEN'],
  },
  DQL1004: {
    errorType: 'UNTERMINATED_COMMENT',
    exceptionType: PARSING,
    format: "The comment isn't closed. Add `*/` at its end.",
  },
  DQL1005: {
    errorType: 'UNTERMINATED_IDENTIFIER',
    exceptionType: PARSING,
    format: "The identifier isn't closed. Add ``` at its end.",
  },
  DQL1006: {
    errorType: 'SINGLE_QUOTES_NOT_ALLOWED',
    exceptionType: PARSING,
    format: 'DQL string literals must use double quotes.',
  },
  DQL1010: {
    errorType: 'COMMAND_NAME_MISSING',
    exceptionType: SYNTAX,
    format: 'A command name is expected here.',
  },
  DQL1011: {
    errorType: 'PARSE_ERROR',
    exceptionType: PARSING,
    format: "`%1$s` isn't allowed here.",
    argTypes: ['TOKEN'],
  },
  DQL1012: { errorType: 'PARSE_ERROR', exceptionType: PARSING, format: 'An expression is expected here.' },
  DQL1013: {
    errorType: 'PARSE_ERROR',
    exceptionType: PARSING,
    format: '`%1$s` is missing.',
    argTypes: ['TOKEN'],
  },
  DQL1014: {
    errorType: 'QUERY_TOO_COMPLEX',
    exceptionType: PARSING,
    format: 'The query is nested more than %1$s levels deep.',
    argTypes: ['NUMBER'],
  },
  DQL1015: {
    errorType: 'NUMBER_OUT_OF_RANGE',
    exceptionType: PARSING,
    format: 'The number `%1$s` is out of range.',
    argTypes: ['NUMBER'],
  },
  DQL1016: { errorType: 'PARSE_ERROR', exceptionType: PARSING, format: "The query can't start with `|`." },
  DQL1017: {
    errorType: 'INVALID_DURATION_UNIT',
    exceptionType: PARSING,
    format: "`%1$s` isn't a valid duration unit. Use one of ns, us, ms, s, m, h, d, w, M, q, y.",
    argTypes: ['TOKEN'],
  },
  DQL1018: {
    errorType: 'SORT_KEYWORD_NOT_ALLOWED',
    exceptionType: PARSING,
    format: '`%1$s` is only allowed in sort contexts.',
    argTypes: ['TOKEN'],
  },
  DQL1019: {
    errorType: 'LIST_LITERAL_NOT_SUPPORTED',
    exceptionType: PARSING,
    format: 'DQL has no list literals: write `in(value, "a", "b")` or `array("a", "b")`.',
  },
  DQL1020: {
    errorType: 'QUERY_TOO_COMPLEX',
    exceptionType: PARSING,
    format: 'The expression is more than %1$s operators deep; for long lists of alternatives use in(…).',
    argTypes: ['NUMBER'],
  },
  DQL1099: { errorType: 'PARSE_ERROR', exceptionType: PARSING, format: 'The query could not be parsed.' },
  // ── semantic (planner) ───────────────────────────────────────────────────────────────────
  DQL2001: {
    errorType: 'UNKNOWN_COMMAND',
    exceptionType: SEMANTIC,
    format: "There's no command `%1$s`.",
    argTypes: ['COMMAND_NAME'],
  },
  DQL2002: {
    errorType: 'UNSUPPORTED_COMMAND',
    exceptionType: SEMANTIC,
    format: "The sandbox doesn't support the command `%1$s` yet.",
    argTypes: ['COMMAND_NAME'],
  },
  DQL2003: {
    errorType: 'DATA_SOURCE_COMMAND_EXPECTED',
    exceptionType: SEMANTIC,
    format: 'The query must start with a data source command such as `fetch`, not `%1$s`.',
    argTypes: ['COMMAND_NAME'],
  },
  DQL2004: {
    errorType: 'DATA_SOURCE_NOT_ALLOWED',
    exceptionType: SEMANTIC,
    format: 'The data source command `%1$s` is only allowed at the start of a query.',
    argTypes: ['COMMAND_NAME'],
  },
  DQL2005: {
    errorType: 'UNKNOWN_DATA_OBJECT',
    exceptionType: SEMANTIC,
    format: "There's no data object `%1$s`.",
    argTypes: ['DATA_OBJECT'],
  },
  DQL2006: {
    errorType: 'UNSUPPORTED_DATA_OBJECT',
    exceptionType: SEMANTIC,
    format: "The sandbox doesn't store `%1$s` yet; only `bizevents` can be fetched.",
    argTypes: ['DATA_OBJECT'],
  },
  DQL2007: {
    errorType: 'MISSING_PARAMETER',
    exceptionType: SEMANTIC,
    format: 'The command `%1$s` needs the parameter `%2$s`.',
    argTypes: ['COMMAND_NAME', 'PARAMETER_NAME'],
  },
  DQL2008: {
    errorType: 'UNKNOWN_PARAMETER_DEFINED',
    exceptionType: SEMANTIC,
    format: 'The command `%1$s` has no parameter `%2$s`.',
    argTypes: ['COMMAND_NAME', 'PARAMETER_NAME'],
  },
  DQL2009: {
    errorType: 'UNSUPPORTED_PARAMETER',
    exceptionType: SEMANTIC,
    format: "The sandbox doesn't support the parameter `%2$s` of `%1$s` yet.",
    argTypes: ['COMMAND_NAME', 'PARAMETER_NAME'],
  },
  DQL2010: {
    errorType: 'TOO_MANY_POSITIONAL_PARAMETERS',
    exceptionType: SEMANTIC,
    format: 'The command `%1$s` takes at most %2$s positional parameters.',
    argTypes: ['COMMAND_NAME', 'NUMBER'],
  },
  DQL2011: {
    errorType: 'DUPLICATE_PARAMETER',
    exceptionType: SEMANTIC,
    format: 'The parameter `%1$s` is given more than once.',
    argTypes: ['PARAMETER_NAME'],
  },
  DQL2012: {
    errorType: 'INVALID_PARAMETER_VALUE',
    exceptionType: SEMANTIC,
    format: 'The parameter `%1$s` expects %2$s.',
    argTypes: ['PARAMETER_NAME', 'TEXT'],
  },
  DQL2013: {
    errorType: 'UNKNOWN_FUNCTION',
    exceptionType: SEMANTIC,
    format: "There's no function `%1$s()`.",
    argTypes: ['FUNCTION_NAME'],
  },
  DQL2014: {
    errorType: 'UNSUPPORTED_FUNCTION',
    exceptionType: SEMANTIC,
    format: "The sandbox doesn't support the function `%1$s()` yet.",
    argTypes: ['FUNCTION_NAME'],
  },
  DQL2015: {
    errorType: 'UNSUPPORTED_EXPRESSION',
    exceptionType: SEMANTIC,
    format: "The sandbox doesn't support %1$s here yet.",
    argTypes: ['TEXT'],
  },
  DQL2016: {
    errorType: 'WRONG_NUMBER_OF_ARGUMENTS',
    exceptionType: SEMANTIC,
    format: 'The function `%1$s()` takes %2$s arguments.',
    argTypes: ['FUNCTION_NAME', 'TEXT'],
  },
  DQL2017: {
    errorType: 'INVALID_TIMEFRAME',
    exceptionType: SEMANTIC,
    format: 'The timeframe start must be before its end.',
  },
  DQL2018: {
    errorType: 'VARIABLE_NOT_ALLOWED',
    exceptionType: SEMANTIC,
    format: "The variable `%1$s` can't be used in a query sent to the API.",
    argTypes: ['VARIABLE'],
  },
  DQL2019: {
    errorType: 'UNKNOWN_PARAMETER_DEFINED',
    exceptionType: SEMANTIC,
    format: 'The function `%1$s()` has no parameter `%2$s`.',
    argTypes: ['FUNCTION_NAME', 'PARAMETER_NAME'],
  },
  DQL2020: {
    errorType: 'MISSING_PARAMETER',
    exceptionType: SEMANTIC,
    format: 'The function `%1$s()` needs the argument `%2$s`.',
    argTypes: ['FUNCTION_NAME', 'PARAMETER_NAME'],
  },
  DQL2021: {
    errorType: 'TOO_MANY_POSITIONAL_PARAMETERS',
    exceptionType: SEMANTIC,
    format: 'The function `%1$s()` takes at most %2$s positional arguments.',
    argTypes: ['FUNCTION_NAME', 'NUMBER'],
  },
  DQL2022: {
    errorType: 'INVALID_TYPE',
    exceptionType: SEMANTIC,
    format: '`%1$s` expects %2$s, not %3$s.',
    argTypes: ['PARAMETER_NAME', 'TEXT', 'TEXT'],
  },
  DQL2023: {
    errorType: 'OPERATOR_NOT_APPLICABLE',
    exceptionType: SEMANTIC,
    format: "The operator `%1$s` can't be applied to %2$s and %3$s.",
    argTypes: ['TOKEN', 'TEXT', 'TEXT'],
  },
  DQL2024: {
    errorType: 'FIELD_DOES_NOT_EXIST',
    exceptionType: SEMANTIC,
    format: "The field `%1$s` isn't known here.",
    argTypes: ['FIELD_NAME'],
  },
  DQL2025: {
    errorType: 'ASSIGNMENT_NOT_ALLOWED',
    exceptionType: SEMANTIC,
    format: "`%1$s` doesn't take assignments here.",
    argTypes: ['COMMAND_NAME'],
  },
  DQL2026: {
    errorType: 'SORT_KEYWORD_NOT_ALLOWED',
    exceptionType: SEMANTIC,
    format: '`%1$s` is only allowed in sort contexts.',
    argTypes: ['TOKEN'],
  },
  DQL2027: {
    errorType: 'DEPRECATED',
    exceptionType: SEMANTIC,
    format: '`%1$s()` is deprecated.',
    argTypes: ['FUNCTION_NAME'],
  },
  DQL2028: {
    errorType: 'COMPARISON_ALWAYS_NULL',
    exceptionType: SEMANTIC,
    format: 'Comparing %2$s with %3$s using `%1$s` always gives null.',
    argTypes: ['TOKEN', 'TEXT', 'TEXT'],
  },
  // ── engine (sandbox planner): 209x ───────────────────────────────────────────────────────
  DQL2090: {
    errorType: 'NOT_AVAILABLE_IN_SANDBOX',
    exceptionType: SEMANTIC,
    format: '`%1$s` is not available in the sandbox: it reads %2$s, which only a Dynatrace environment has.',
    argTypes: ['TEXT', 'TEXT'],
  },
  DQL2091: {
    errorType: 'AGGREGATION_EXPECTED',
    exceptionType: SEMANTIC,
    format: '`%1$s` expects an aggregation function such as `count()` here.',
    argTypes: ['COMMAND_NAME'],
  },
  DQL2092: {
    errorType: 'AGGREGATION_NOT_ALLOWED',
    exceptionType: SEMANTIC,
    format: 'The aggregation function `%1$s()` is only allowed in `summarize` and `makeTimeseries`.',
    argTypes: ['FUNCTION_NAME'],
  },
  // ── runtime (evaluator) ──────────────────────────────────────────────────────────────────
  DQL3001: {
    errorType: 'EXECUTION_FAILED',
    exceptionType: RUNTIME,
    format: 'The query could not be executed: %1$s',
    argTypes: ['TEXT'],
  },
  // ⚠ Grail's errorType for a failIf is not documented; the message is the query's own.
  DQL3002: {
    errorType: 'FAIL_IF_CONDITION_MET',
    exceptionType: RUNTIME,
    format: '%1$s',
    argTypes: ['TEXT'],
  },
} as const satisfies Record<string, CodeInfo>;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

export interface Diagnostic extends Span {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly args: readonly string[];
  /** A replacement for the diagnostic's span that fixes it (the editor offers it as a quick fix). */
  readonly suggestion?: string;
}

/** `%1$s`-style substitution, as Java's String.format does for Grail's messageFormat. */
export function formatMessage(format: string, args: readonly string[]): string {
  return format.replace(/%(\d+)\$s/g, (_, n: string) => args[Number(n) - 1] ?? '');
}

export function diagnostic(
  code: DiagnosticCode,
  at: Span,
  args: readonly string[] = [],
  severity: Severity = 'error',
): Diagnostic {
  return {
    code,
    severity,
    start: at.start,
    end: at.end,
    args,
    message: formatMessage(DIAGNOSTIC_CODES[code].format, args),
  };
}

/** Adds "Did you mean …?" and the replacement the editor can apply. */
export function withSuggestion(
  d: Diagnostic,
  suggestion: string | undefined,
  shown = suggestion,
): Diagnostic {
  if (suggestion === undefined) return d;
  return { ...d, suggestion, message: `${d.message} Did you mean \`${shown}\`?` };
}

/** Appends a sentence of context to the message (e.g. why a field is unknown). */
export function withHint(d: Diagnostic, hint: string): Diagnostic {
  return { ...d, message: `${d.message} ${hint}` };
}

export function codeInfo(code: DiagnosticCode): CodeInfo {
  return DIAGNOSTIC_CODES[code];
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
