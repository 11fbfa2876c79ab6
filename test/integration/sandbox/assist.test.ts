/**
 * Query assistance endpoints: query:verify, query:parse, query:autocomplete — over HTTP and through
 * the official QueryAssistanceClient.
 */
import { QueryAssistanceClient } from '@dynatrace-sdk/client-query';
import { _OAuthHttpClient } from '@dynatrace-sdk/http-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_CLIENT_ID, DEV_CLIENT_SECRET } from '../../../src-main/sandbox/dev-credentials';
import { canonicalText } from '../../../src-main/sandbox/parse-tree';
import type { DqlNode } from '../../../src-main/sandbox/parse-tree';
import { formatCanonical } from '../../../src-shared/dql/format';
import { parse } from '../../../src-shared/dql/parser';
import { loadCases } from '../../unit/src-shared/dql/engine/eval-golden';
import { QUERY, READ_SCOPES, requestToken, startTestSandbox } from './helpers';
import type { TestSandbox } from './helpers';

let sb: TestSandbox;
let token: string;
beforeAll(async () => {
  sb = await startTestSandbox();
  token = await requestToken(sb.url, READ_SCOPES);
});
afterAll(() => sb.dispose());

/** Response JSON, navigated freely by the assertions (which are what check its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function post(
  path: string,
  body: unknown,
  auth = `Bearer ${token}`,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(`${sb.url}${QUERY}/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe('query:verify', () => {
  it('accepts a valid query and returns its canonical form on request', async () => {
    const r = await post('query:verify', {
      query: 'FETCH bizevents | summarize Count()',
      generateCanonicalQuery: true,
    });
    expect(r).toEqual({
      status: 200,
      json: { valid: true, notifications: [], canonicalQuery: 'fetch bizevents\n| summarize count()' },
    });
    expect((await post('query:verify', { query: 'fetch bizevents' })).json).toEqual({
      valid: true,
      notifications: [],
    });
  });

  it('reports syntax and semantic errors as positioned notifications, with 200', async () => {
    const syntax = await post('query:verify', { query: 'fetch bizevents\n| limit (' });
    expect(syntax.status).toBe(200);
    expect(syntax.json.valid).toBe(false);
    expect(syntax.json.notifications).toEqual([
      expect.objectContaining({
        severity: 'ERROR',
        notificationType: 'SYNTAX_ERROR',
        syntaxPosition: {
          start: { index: 25, line: 2, column: 10 },
          end: { index: 25, line: 2, column: 10 },
        },
      }),
    ]);
    const unknown = await post('query:verify', { query: 'fetch bizevents | limt 5' });
    expect(unknown.json.notifications[0]).toMatchObject({
      notificationType: 'UNKNOWN_COMMAND',
      message: "There's no command `limt`.",
      arguments: ['limt'],
      syntaxPosition: { start: { index: 18, line: 1, column: 19 }, end: { index: 21, line: 1, column: 22 } },
    });
    const metrics = await post('query:verify', { query: 'timeseries avg(dt.host.cpu.usage)' });
    expect(metrics.json).toMatchObject({
      valid: false,
      notifications: [{ notificationType: 'NOT_AVAILABLE_IN_SANDBOX' }],
    });
  });

  it('needs a Bearer token and a well-formed body', async () => {
    expect((await post('query:verify', { query: 'fetch bizevents' }, 'Bearer nope')).status).toBe(401);
    const bad = await post('query:verify', { query: 5 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.details.constraintViolations[0]).toMatchObject({ parameterDescriptor: 'query' });
  });
});

describe('query:parse', () => {
  it('answers a tree whose terminals spell the canonical query, for every golden query', async () => {
    let checked = 0;
    for (const c of loadCases()) {
      const parsed = parse(c.query);
      if (parsed.diagnostics.some((d) => d.severity === 'error')) continue;
      const r = await post('query:parse', { query: c.query });
      expect(r.status, c.query).toBe(200);
      expect(canonicalText(r.json as DqlNode), c.query).toBe(formatCanonical(parsed.ast));
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('types the nodes and positions them in the query text', async () => {
    const r = await post('query:parse', { query: 'fetch bizevents | filter a == 1' });
    expect(r.json).toMatchObject({ nodeType: 'CONTAINER', type: 'QUERY', isOptional: false });
    const [fetch, separator, filter] = r.json.children;
    expect(fetch.children[0]).toMatchObject({
      nodeType: 'TERMINAL',
      type: 'COMMAND_NAME',
      canonicalString: 'fetch',
      tokenPosition: { start: { index: 0 }, end: { index: 4 } },
    });
    expect(separator.type).toBe('COMMAND_SEPARATOR');
    const condition = filter.children[2].children[0];
    expect(condition.type).toBe('EXPRESSION');
    expect(condition.children[2]).toMatchObject({ type: 'OPERATOR', canonicalString: '==' });
  });

  it('answers a syntax error with the positioned error envelope', async () => {
    const r = await post('query:parse', { query: 'fetch bizevents | limit (' });
    expect(r.status).toBe(400);
    expect(r.json.error.details).toMatchObject({
      errorType: 'PARSE_ERROR',
      syntaxErrorPosition: { start: { index: 25 } },
    });
  });
});

describe('query:autocomplete', () => {
  it('completes a command name being typed', async () => {
    const r = await post('query:autocomplete', { query: 'f' });
    expect(r.status).toBe(200);
    expect(r.json.optional).toBe(false);
    const fetch = r.json.suggestions.find((s: { suggestion: string }) => s.suggestion === 'fetch ');
    expect(fetch).toMatchObject({
      alreadyTypedCharacters: 1,
      parts: [{ type: 'COMMAND_NAME', suggestion: 'fetch ' }],
    });
  });

  it('offers commands after a pipe and honours the cursor position', async () => {
    const r = await post('query:autocomplete', { query: 'fetch bizevents | ', cursorPosition: 18 });
    const names = r.json.suggestions.map((s: { suggestion: string }) => s.suggestion.trim());
    expect(names).toEqual(expect.arrayContaining(['filter', 'summarize', 'limit']));
    const atStart = await post('query:autocomplete', { query: 'fetch bizevents', cursorPosition: 0 });
    expect(atStart.status).toBe(200);
  });
});

describe('QueryAssistanceClient against the sandbox', () => {
  it('verifies, parses and autocompletes', async () => {
    const http = new _OAuthHttpClient({
      clientId: DEV_CLIENT_ID,
      secret: DEV_CLIENT_SECRET,
      scopes: READ_SCOPES,
      environmentUrl: sb.url,
      authUrl: `${sb.url}/sso/oauth2/token`,
    });
    const assist = new QueryAssistanceClient(http);
    const v = await assist.queryVerify({ body: { query: 'fetch bizevents | limt 1' } });
    expect(v.valid).toBe(false);
    expect(v.notifications?.[0]?.notificationType).toBe('UNKNOWN_COMMAND');
    const tree = await assist.queryParse({ body: { query: 'fetch bizevents | limit 3' } });
    expect(canonicalText(tree as unknown as DqlNode)).toBe('fetch bizevents\n| limit 3');
    const completion = await assist.queryAutocomplete({ body: { query: 'fetch bizevents | so' } });
    expect(completion.suggestions.map((s) => s.suggestion)).toContain('sort ');
  });
});
