// OAuth servers that misbehave: an HTML page, silence, a huge body. Each gets a clear message, and
// no message carries the secret.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendHttp } from '../../../src-main/platform/http';
import { OAuthTokenProvider } from '../../../src-main/services/token-provider';
import { rejectionOf } from '../../support/rejection';

const SECRET = 'dt0s02.ABCD1234.SECRETSECRETSECRETSECRETSECRETSECRETSECRETSECRETSECRETSECRET0000';
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/html')
      return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><p>Sign in</p>');
    if (req.url === '/huge') {
      // 300 MB announced and streamed: the client must stop reading at its cap.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let n = 0;
      const pump = () => {
        while (n++ < 300) if (!res.write(chunk)) return void res.once('drain', pump);
        res.end();
      };
      return pump();
    }
    if (req.url === '/echo')
      return void res.writeHead(400, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          error: 'invalid_request',
          error_description: `bad request with secret ${SECRET}`,
        }),
      );
    // /silent: never answers.
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const provider = (path: string, timeoutMs?: number) =>
  new OAuthTokenProvider(
    {
      ...(timeoutMs ? { timeoutMs } : {}),
      tokenUrl: `${base}${path}`,
      clientId: 'dt0s02.ABCD1234',
      scopes: ['storage:bizevents:read'],
      readSecret: async () => SECRET,
    },
    sendHttp,
  );

describe('misbehaving token endpoints', () => {
  it('an HTML page', async () => {
    const err = await rejectionOf(provider('/html').token());
    expect(err.message).toBe(
      'The token URL answered with a web page (HTTP 200), not an OAuth response. Check the token URL.',
    );
  });

  it('a 300 MB body', async () => {
    const err = await rejectionOf(provider('/huge').token());
    expect(err.code).toBe('RESPONSE_TOO_LARGE');
    expect(err.message).toMatch(/more than 1 MB/);
  });

  it('a server echoing the secret in its error: the secret is redacted on the way to the user', async () => {
    const { dispatch } = await import('../../../src-main/ipc/dispatch');
    const handlers = { 'app:getInfo': () => provider('/echo').token() } as never;
    const envelope = await dispatch(
      handlers,
      'app:getInfo',
      {},
      { signal: new AbortController().signal, emit: () => undefined },
    );
    expect(envelope.ok).toBe(false);
    expect(JSON.stringify(envelope)).not.toContain('SECRETSECRET');
    expect(JSON.stringify(envelope)).toContain('dt0s02.ABCD1234.[REDACTED]');
  });

  it('silence (timeout)', async () => {
    const err = await rejectionOf(provider('/silent', 2_000).token());
    expect(err.code).toBe('TOKEN_ENDPOINT_TIMEOUT');
    expect(err.message).toBe(`The token endpoint ${base} did not answer within 2 s.`);
  });
});
