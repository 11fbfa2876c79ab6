/**
 * Query assistance (reference §2.4): `query:verify` (200 `{valid, notifications, canonicalQuery?}`;
 * an invalid query is still 200, its problems are notifications with positions), `query:parse`
 * (the DQLNode tree; a syntax error is a 400 ErrorEnvelope as for execute) and
 * `query:autocomplete` (the editor's completion, in the API's suggestion shape). All three use the
 * front end's public functions (parse, analyze, complete) and the engine's planner, so the API
 * judges a query exactly as execute and the editor do.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { analyze } from '../../../src-shared/dql/analyzer';
import { complete } from '../../../src-shared/dql/completion';
import type { CompletionItem } from '../../../src-shared/dql/completion';
import { parse } from '../../../src-shared/dql/parser';
import { toTokenPosition } from '../../../src-shared/dql/source-span';
import { prepareQuery, toQueryError } from '../../../src-shared/dql/engine';
import type { QueryError } from '../../../src-shared/dql/engine';
import type { MetadataNotification } from '../../../src-shared/grail/wire';
import { dqlError, queryApiError } from '../envelopes';
import { sendJson } from '../http-util';
import type { RequestContext } from '../http-util';
import type { Principal } from '../request-auth';
import type { SandboxDeps } from '../sandbox-deps';
import { parseTree } from '../parse-tree';
import { authorize, readJsonBody } from './query-request';

const Common = {
  query: z.string().max(1_000_000),
  timezone: z.string().max(100).optional(),
  locale: z.string().max(50).optional(),
  queryOptions: z.record(z.string(), z.string()).optional(),
};
const VerifyBody = z.object({ ...Common, generateCanonicalQuery: z.boolean().optional() });
const ParseBody = z.object(Common);
const AutocompleteBody = z.object({
  ...Common,
  cursorPosition: z.number().int().min(0).optional(),
  maxDataSuggestions: z.number().int().min(0).optional(),
  enforceQueryConsumptionLimit: z.boolean().optional(),
});

/** Verify's scopes are "one of" the storage read scopes (reference §2.1). */
function mayRead(ctx: RequestContext, principal: Principal): boolean {
  if ([...principal.scopes].some((s) => s.startsWith('storage:') && s.endsWith(':read'))) return true;
  sendJson(
    ctx,
    403,
    queryApiError(403, 'Insufficient permissions.', {
      errorType: 'INSUFFICIENT_PERMISSION',
      missingScopes: ['storage:bizevents:read'],
    }),
  );
  return false;
}

function notification(query: string, e: QueryError): MetadataNotification {
  return {
    severity: 'ERROR',
    // ⚠ Syntax errors as SYNTAX_ERROR (as dtctl's fixtures have it), semantic ones by their type.
    notificationType: e.code.startsWith('DQL1') ? 'SYNTAX_ERROR' : e.errorType,
    message: e.message,
    messageFormat: e.messageFormat,
    arguments: [...e.arguments],
    messageFormatSpecifierTypes: [...e.argumentTypes],
    syntaxPosition: toTokenPosition(query, e.span),
  };
}

export async function handleVerify(ctx: RequestContext, deps: SandboxDeps): Promise<void> {
  const principal = authorize(ctx, deps);
  if (!principal) return;
  const body = await readJsonBody(ctx, VerifyBody);
  if (!body || !mayRead(ctx, principal)) return;
  const prepared = prepareQuery(body.query, { nowNs: deps.now() });
  const notifications: MetadataNotification[] = prepared.ok ? [] : [notification(body.query, prepared.error)];
  for (const d of prepared.diagnostics)
    if (d.severity === 'warning')
      notifications.push({ ...notification(body.query, toQueryError(d)), severity: 'WARNING' });
  sendJson(ctx, 200, {
    valid: prepared.ok,
    notifications,
    ...(body.generateCanonicalQuery && prepared.ok
      ? { canonicalQuery: prepared.prepared.canonicalQuery }
      : {}),
  });
}

export async function handleParse(ctx: RequestContext, deps: SandboxDeps): Promise<void> {
  const principal = authorize(ctx, deps);
  if (!principal) return;
  const body = await readJsonBody(ctx, ParseBody);
  if (!body || !mayRead(ctx, principal)) return;
  const parsed = parse(body.query);
  const syntax = parsed.diagnostics.find((d) => d.severity === 'error');
  if (syntax) return sendJson(ctx, 400, dqlError(toQueryError(syntax), body.query, randomUUID()));
  const tree = parseTree(parsed.ast, body.query);
  sendJson(ctx, 200, tree);
}

/** Completion kinds → the API's suggestion part types. */
const PART_TYPES: Readonly<Record<CompletionItem['kind'], string>> = {
  command: 'COMMAND_NAME',
  function: 'FUNCTION_NAME',
  field: 'SIMPLE_IDENTIFIER',
  parameter: 'PARAMETER_KEY',
  dataObject: 'DATA_OBJECT',
  keyword: 'OPERATOR',
  value: 'ENUM_STRING',
};

/** Snippet markup (`$0`, `${1:x}`) is the editor's business; the API suggests plain text. */
function plainText(insertText: string): string {
  return insertText.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\d+/g, '');
}

export async function handleAutocomplete(ctx: RequestContext, deps: SandboxDeps): Promise<void> {
  const principal = authorize(ctx, deps);
  if (!principal) return;
  const body = await readJsonBody(ctx, AutocompleteBody);
  if (!body || !mayRead(ctx, principal)) return;
  // `query:"f"` ≡ cursor at the end (reference §2.4).
  const cursor = Math.min(body.cursorPosition ?? body.query.length, body.query.length);
  const result = complete(analyze(body.query), cursor);
  const typed = Math.max(0, cursor - result.from);
  const suggestions = [...result.items]
    .sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0))
    .map((item) => {
      const suggestion = plainText(item.insertText);
      return {
        suggestion,
        alreadyTypedCharacters: typed,
        parts: [
          {
            suggestion,
            type: PART_TYPES[item.kind],
            ...(item.detail ? { synopsis: item.detail } : {}),
            ...(item.documentation ? { info: item.documentation } : {}),
          },
        ],
      };
    });
  sendJson(ctx, 200, { optional: false, suggestions });
}
