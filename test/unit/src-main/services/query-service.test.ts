import { describe, expect, it } from 'vitest';
import type { HttpRequest, HttpResponse } from '../../../../src-main/platform/http';
import type { Connection } from '../../../../src-main/services/connection';
import { QueryService } from '../../../../src-main/services/query-service';
import { AppError } from '../../../../src-shared/errors';

const result = {
  records: [{ 'count()': '3' }],
  types: [{ indexRange: [0, 0], mappings: { 'count()': { type: 'long' } } }],
  metadata: { grail: { queryId: 'q' } },
};

function conn(onUnauthorized = () => {}): Connection {
  return {
    environmentId: 'e',
    platformBaseUrl: 'http://tenant',
    ingestPath: '/x',
    authorization: async () => 'Bearer t',
    onUnauthorized,
  };
}

function json(status: number, body: unknown): HttpResponse {
  return { status, headers: new Headers(), text: body === undefined ? '' : JSON.stringify(body) };
}

function ctx() {
  const emitted: unknown[] = [];
  return {
    emitted,
    ctx: { signal: new AbortController().signal, emit: (_n: string, p: unknown) => void emitted.push(p) },
  };
}

describe('QueryService', () => {
  it('polls with the URL-encoded request token until the result arrives', async () => {
    const calls: HttpRequest[] = [];
    const responses = [
      json(202, { state: 'RUNNING', requestToken: ' +kuSj8q/Rvq==', progress: 10 }),
      json(200, { state: 'RUNNING', progress: 50 }),
      json(200, { state: 'SUCCEEDED', progress: 100, result }),
    ];
    const svc = new QueryService(
      async () => conn(),
      async (req) => (calls.push(req), responses.shift()!),
    );
    const { ctx: c, emitted } = ctx();
    const out = await svc.execute(
      { requestId: 'r', environmentId: 'e', query: 'fetch bizevents' },
      c as never,
    );
    expect(out.state).toBe('SUCCEEDED');
    expect(out.result).toEqual(result);
    expect(calls[1]!.url).toBe(
      'http://tenant/platform/storage/query/v1/query:poll?request-token=%20%2BkuSj8q%2FRvq%3D%3D&request-timeout-milliseconds=2000',
    );
    expect(JSON.parse(calls[0]!.body!)).toMatchObject({
      query: 'fetch bizevents',
      requestTimeoutMilliseconds: 1000,
    });
    expect(emitted).toContainEqual({ requestId: 'r', state: 'RUNNING', progress: 50 });
    expect(emitted.at(-1)).toEqual({ requestId: 'r', state: 'SUCCEEDED', progress: 100 });
  });

  it('cancels: stops polling, tells the server, and reports CANCELLED as a state', async () => {
    const calls: HttpRequest[] = [];
    let pollStarted!: () => void;
    const polling = new Promise<void>((r) => (pollStarted = r));
    const http = async (req: HttpRequest): Promise<HttpResponse> => {
      calls.push(req);
      if (req.url.includes('query:execute')) return json(202, { state: 'RUNNING', requestToken: 'tok' });
      if (req.url.includes('query:cancel')) return json(202, undefined);
      pollStarted();
      return new Promise((_, reject) =>
        req.signal!.addEventListener('abort', () => reject(new AppError('CANCELLED', 'cancelled'))),
      );
    };
    const svc = new QueryService(async () => conn(), http);
    const { ctx: c, emitted } = ctx();
    const running = svc.execute({ requestId: 'r', environmentId: 'e', query: 'fetch bizevents' }, c as never);
    await polling;
    expect(svc.cancel('r')).toBe(true);
    expect((await running).state).toBe('CANCELLED');
    await expect.poll(() => calls.some((x) => x.url.endsWith('query:cancel?request-token=tok'))).toBe(true);
    expect(emitted.at(-1)).toEqual({ requestId: 'r', state: 'CANCELLED' });
    expect(svc.cancel('r')).toBe(false);
  });

  it('retries once with a fresh token after 401', async () => {
    let invalidated = 0;
    const responses = [
      json(401, { error: { code: 401, message: 'expired' } }),
      json(200, { state: 'SUCCEEDED', result }),
    ];
    const svc = new QueryService(
      async () => conn(() => invalidated++),
      async () => responses.shift()!,
    );
    const { ctx: c } = ctx();
    expect((await svc.execute({ requestId: 'r', environmentId: 'e', query: 'q' }, c as never)).state).toBe(
      'SUCCEEDED',
    );
    expect(invalidated).toBe(1);
  });

  it('turns the error envelope into a positioned error with missing scopes spelled out', async () => {
    const env = {
      error: {
        code: 400,
        message: 'UNKNOWN_COMMAND',
        details: {
          errorType: 'UNKNOWN_COMMAND',
          errorMessage: "There's no command `limt`.",
          syntaxErrorPosition: {
            start: { index: 18, line: 2, column: 3 },
            end: { index: 21, line: 2, column: 6 },
          },
        },
      },
    };
    const svc = new QueryService(
      async () => conn(),
      async () => json(400, env),
    );
    const { ctx: c } = ctx();
    await expect(
      svc.execute({ requestId: 'r', environmentId: 'e', query: 'q' }, c as never),
    ).rejects.toMatchObject({
      code: 'QUERY_FAILED',
      message: "There's no command `limt`.",
      details: { errorType: 'UNKNOWN_COMMAND', syntaxErrorPosition: env.error.details.syntaxErrorPosition },
    });
    const forbidden = {
      error: { code: 403, message: 'Forbidden', details: { missingScopes: ['storage:bizevents:read'] } },
    };
    const svc2 = new QueryService(
      async () => conn(),
      async () => json(403, forbidden),
    );
    await expect(
      svc2.execute({ requestId: 'r', environmentId: 'e', query: 'q' }, c as never),
    ).rejects.toMatchObject({
      code: 'AUTH_FORBIDDEN',
      message: 'Forbidden Missing scopes: storage:bizevents:read.',
    });
  });

  it('sends the environment limits with execute', async () => {
    const calls: HttpRequest[] = [];
    const svc = new QueryService(
      async () => conn(),
      async (req) => (calls.push(req), json(200, { state: 'SUCCEEDED', result })),
    );
    await svc.execute(
      {
        requestId: 'r2',
        environmentId: 'e',
        query: 'fetch bizevents',
        maxResultRecords: 50,
        maxResultBytes: 4096,
        defaultScanLimitGbytes: 7.5,
      },
      ctx().ctx as never,
    );
    expect(JSON.parse(calls[0]!.body!)).toMatchObject({
      maxResultRecords: 50,
      maxResultBytes: 4096,
      defaultScanLimitGbytes: 7.5,
    });
  });

  it('verifies: notifications become problems at offsets (inclusive end made exclusive)', async () => {
    const calls: HttpRequest[] = [];
    const pos = (a: number, b: number) => ({
      start: { index: a, line: 1, column: a + 1 },
      end: { index: b, line: 1, column: b + 1 },
    });
    const svc = new QueryService(
      async () => conn(),
      async (req) => (
        calls.push(req),
        json(200, {
          valid: false,
          notifications: [
            {
              severity: 'ERROR',
              notificationType: 'SYNTAX_ERROR',
              message: 'bad',
              syntaxPosition: pos(18, 21),
            },
            { severity: 'WARNING', message: 'careful', syntaxPosition: pos(0, 999) },
            { notificationType: 'SOMETHING' },
          ],
        })
      ),
    );
    const out = await svc.verify('e', 'fetch bizevents | limt 10', new AbortController().signal);
    expect(calls[0]!.url).toBe('http://tenant/platform/storage/query/v1/query:verify');
    expect(JSON.parse(calls[0]!.body!)).toEqual({ query: 'fetch bizevents | limt 10' });
    expect(out).toEqual({
      valid: false,
      problems: [
        { severity: 'error', message: 'bad', start: 18, end: 22, code: 'SYNTAX_ERROR' },
        { severity: 'warning', message: 'careful', start: 0, end: 25 },
        { severity: 'error', message: 'SOMETHING', start: 0, end: 25, code: 'SOMETHING' },
      ],
    });
  });

  it('refuses a verify answer that does not have the documented shape', async () => {
    const svc = new QueryService(
      async () => conn(),
      async () => json(200, { notifications: 'nope' }),
    );
    await expect(svc.verify('e', 'fetch logs', new AbortController().signal)).rejects.toMatchObject({
      code: 'QUERY_PROTOCOL',
    });
  });
});
