/**
 * Completion (pure; the Monaco adapter only translates): commands after `|`, data objects after
 * `fetch`, named parameters, functions and fields in expressions, enum values after `name:`.
 * Fields come from the analyzer's scope at the command, so they include what earlier commands
 * computed and what recent results taught the schema.
 */
import type { Analysis } from './analyzer';
import { allCommands } from './ast-walk';
import type { CommandSpec, FunctionSpec, ParamSpec } from './catalog';
import { COMMAND_SPECS, FUNCTION_SPECS, KNOWN_DATA_OBJECTS, findCommand, findFunctions } from './catalog';
import type { CompletionSite } from './completion-context';
import { completionSite } from './completion-context';
import { formatFieldName } from './format';
import type { Token } from './tokens';

export type CompletionKind =
  'command' | 'function' | 'field' | 'parameter' | 'dataObject' | 'keyword' | 'value';

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  /** Text to insert; `$0` marks where the cursor goes (snippet syntax). */
  readonly insertText: string;
  readonly detail?: string;
  readonly documentation?: string;
  /** Orders items before Monaco's fuzzy filter (lower first). */
  readonly sortText: string;
}

export interface CompletionResult {
  /** The range the chosen item replaces: the word being typed. */
  readonly from: number;
  readonly to: number;
  readonly items: readonly CompletionItem[];
}

/** Commands most queries use, offered first. */
const COMMON_COMMANDS = [
  'fetch',
  'filter',
  'fields',
  'fieldsAdd',
  'summarize',
  'sort',
  'limit',
  'makeTimeseries',
];
const DATA_OBJECT_COMMANDS = new Set(['fetch', 'describe', 'fieldssnapshot']);
const WORD_KINDS: ReadonlySet<Token['kind']> = new Set([
  'identifier',
  'keyword',
  'quotedIdentifier',
  'variable',
]);

export function complete(analysis: Analysis, offset: number): CompletionResult {
  const { tokens } = analysis;
  const word = tokens.find((t) => WORD_KINDS.has(t.kind) && t.start < offset && offset <= t.end);
  const from = word?.start ?? offset;
  const to = word?.end ?? offset;
  const site = completionSite(tokens, from, offset);
  return { from, to, items: itemsFor(site, analysis) };
}

function itemsFor(site: CompletionSite, analysis: Analysis): CompletionItem[] {
  switch (site.kind) {
    case 'none':
      return [];
    case 'command':
      return commandItems(site.first);
    case 'afterOperand':
      return keywordItems(['and', 'or', 'xor', 'not', 'in', 'asc', 'desc'], site.command);
    case 'commandArgument':
      return commandArgumentItems(site, analysis);
    case 'functionArgument':
      return functionArgumentItems(site, analysis);
  }
}

function commandItems(first: boolean): CompletionItem[] {
  return COMMAND_SPECS.map((c) => {
    const preferred = first ? c.isSource : !c.isSource;
    const common = COMMON_COMMANDS.indexOf(c.name);
    const rank = preferred ? (common >= 0 ? `0${common}` : '1') : '2';
    return {
      label: c.name,
      kind: 'command' as const,
      insertText: `${c.name} `,
      detail: c.synopsis,
      documentation: c.description,
      sortText: `${rank}-${c.name}`,
    };
  });
}

function commandArgumentItems(
  site: Extract<CompletionSite, { kind: 'commandArgument' }>,
  a: Analysis,
): CompletionItem[] {
  const spec = findCommand(site.command);
  if (!spec) return expressionItems(a, site.commandStart, undefined);
  if (site.named && !site.group)
    return valueItems(spec.names.get(site.named.toLowerCase()), spec, a, site.commandStart);
  if (site.group) {
    const member = spec.params.find((p) => p.group?.toLowerCase() === site.group?.toLowerCase());
    return valueItems(member, spec, a, site.commandStart);
  }
  const positional = spec.positional[Math.min(site.positionalBefore, spec.positional.length - 1)];
  const positionalLeft = site.positionalBefore < spec.maxPositional;
  if (
    positional &&
    positionalLeft &&
    site.positionalBefore === 0 &&
    DATA_OBJECT_COMMANDS.has(spec.name.toLowerCase())
  ) {
    return dataObjectItems();
  }
  const named = site.atStart ? parameterItems(spec, site.namesUsed) : [];
  if (!positionalLeft) return named;
  return [...named, ...valueItems(positional, spec, a, site.commandStart)];
}

function functionArgumentItems(
  site: Extract<CompletionSite, { kind: 'functionArgument' }>,
  a: Analysis,
): CompletionItem[] {
  const call = [...a.calls].find(([c]) => c.nameSpan.start === site.fnStart)?.[1];
  const spec = call ?? findFunctions(site.fn)[0];
  if (!spec) return expressionItems(a, site.commandStart, undefined);
  if (site.named)
    return valueItems(spec.names.get(site.named.toLowerCase()), undefined, a, site.commandStart);
  const named = site.atStart ? parameterItems(spec, site.namesUsed) : [];
  return [...named, ...expressionItems(a, site.commandStart, aggregationOf(site.command))];
}

/** `name: ` items for the parameters not given yet. */
function parameterItems(spec: CommandSpec | FunctionSpec, used: readonly string[]): CompletionItem[] {
  const usedSet = new Set(used.map((u) => u.toLowerCase()));
  const out: CompletionItem[] = [];
  for (const [key, p] of spec.names) {
    if (usedSet.has(key) || key !== p.name.toLowerCase()) continue;
    const param = 'kinds' in p ? p : undefined;
    if (param && !param.named) continue;
    const braces = 'braces' in p && p.braces;
    out.push({
      label: `${p.name}:`,
      kind: 'parameter',
      insertText: braces ? `${p.name}: {$0}` : `${p.name}: `,
      detail: param ? paramDetail(param) : `${p.name}: {…}`,
      sortText: `0-${p.name}`,
    });
  }
  return out;
}

export function paramDetail(p: ParamSpec): string {
  const types = p.enum ? p.enum.join(' | ') : (p.types ?? ['any']).join(' | ');
  return `${p.name}: ${types}${p.default !== undefined ? ` = ${p.default}` : ''}`;
}

/** Values for a parameter: enum values, data objects, or expressions. */
function valueItems(
  p: ParamSpec | { name: string } | undefined,
  command: CommandSpec | undefined,
  a: Analysis,
  commandStart: number,
): CompletionItem[] {
  const param = p && 'kinds' in p ? p : undefined;
  if (param?.enum) {
    return param.enum.map((v, i) => ({ label: v, kind: 'value' as const, insertText: v, sortText: `0${i}` }));
  }
  if (param?.kinds.includes('dataObject')) return dataObjectItems();
  if (param?.kinds.some((k) => k.endsWith('ExecutionBlock') || k === 'executionBlock')) {
    return [{ label: '[fetch …]', kind: 'keyword', insertText: '[fetch $0]', sortText: '0' }];
  }
  const aggregation = command ? aggregationOf(command.name) : undefined;
  // A constant parameter (limit, from:) cannot read fields: offer functions and literals only.
  const constant =
    param?.kinds.includes('expressionWithConstantValue') &&
    !param.kinds.includes('expressionWithFieldAccess');
  return expressionItems(
    a,
    constant ? -1 : commandStart,
    aggregation,
    param?.types?.includes('boolean') ?? false,
  );
}

function aggregationOf(command: string): string | undefined {
  const c = command.toLowerCase();
  if (c === 'summarize') return 'aggregation';
  if (c === 'maketimeseries') return 'expression timeseries';
  if (c === 'timeseries') return 'timeseries';
  return undefined;
}

function dataObjectItems(): CompletionItem[] {
  return [...KNOWN_DATA_OBJECTS].map((n) => ({
    label: n,
    kind: 'dataObject' as const,
    insertText: n,
    detail: 'data object',
    sortText: n === 'bizevents' ? '0' : `1-${n}`,
  }));
}

/** Fields in scope, then functions (aggregations first where they belong), then literals. */
function expressionItems(
  a: Analysis,
  commandStart: number,
  aggregation: string | undefined,
  boolean = false,
): CompletionItem[] {
  const command = allCommands(a.ast).find((c) => c.nameSpan.start === commandStart);
  const scope = command ? a.scopes.get(command) : undefined;
  const fields: CompletionItem[] = [...(scope?.fields ?? [])].map(([name, types]) => ({
    label: name,
    kind: 'field',
    insertText: formatFieldName(name),
    detail: types ? types.join(' | ') : 'field',
    sortText: `${aggregation ? '1' : '0'}-${name}`,
  }));
  const seen = new Set<string>();
  const functions: CompletionItem[] = [];
  const preferred = FUNCTION_SPECS.filter((f) => f.category === aggregation);
  const others = FUNCTION_SPECS.filter(
    (f) => f.category !== 'expression timeseries' && f.category !== 'timeseries',
  );
  for (const f of [...preferred, ...others]) {
    if (seen.has(f.name)) continue;
    seen.add(f.name);
    functions.push({
      label: f.name,
      kind: 'function',
      insertText: f.params.length ? `${f.name}($0)` : `${f.name}()`,
      detail: `${f.synopsis} → ${f.returns.length > 4 ? 'any' : f.returns.join(' | ')}`,
      documentation: f.description,
      sortText: `${f.category === aggregation ? '0' : '2'}-${f.name}`,
    });
  }
  const literals = keywordItems(
    boolean ? ['true', 'false', 'not', 'null'] : ['not', 'true', 'false', 'null'],
    '',
  );
  return [...fields, ...functions, ...literals];
}

function keywordItems(words: readonly string[], command: string): CompletionItem[] {
  const sorting = command.toLowerCase() === 'sort' || command.toLowerCase() === 'dedup';
  return words
    .filter((w) => sorting || (w !== 'asc' && w !== 'desc'))
    .map((w, i) => ({ label: w, kind: 'keyword' as const, insertText: `${w} `, sortText: `3${i}` }));
}
