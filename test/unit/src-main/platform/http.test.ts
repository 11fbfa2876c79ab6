import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendHttp } from '../../../../src-main/platform/http';
import { rejectionOf } from '../../../support/rejection';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/big') {
      // Streams 3 MB without a content-length: the cap must stop reading mid-way.
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const pump = () => {
        while (sent < 3 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    if (req.url === '/declared') {
      res.writeHead(200, { 'content-length': String(300 * 1024 * 1024) });
      return res.end();
    }
    if (req.url === '/redirect') {
      res.writeHead(302, { location: `${base}/echo` });
      return res.end();
    }
    if (req.url?.startsWith('/slow')) return void setTimeout(() => res.end('late'), 2_000);
    res.end(JSON.stringify({ auth: req.headers.authorization ?? null }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('sendHttp', () => {
  it('stops reading a response past the size cap, with a clear message', async () => {
    const err = await rejectionOf(sendHttp({ method: 'GET', url: `${base}/big`, maxBytes: 1024 * 1024 }));
    expect(err.code).toBe('RESPONSE_TOO_LARGE');
    expect(err.message).toBe(`${base} answered with more than 1 MB; the response was not read.`);
    const declared = await rejectionOf(sendHttp({ method: 'GET', url: `${base}/declared` }));
    expect(declared.code).toBe('RESPONSE_TOO_LARGE');
  });

  it('with truncateAt, keeps the start of a large response and stops downloading', async () => {
    const res = await sendHttp({
      method: 'GET',
      url: `${base}/big`,
      maxBytes: 1024 * 1024,
      truncateAt: 100_000,
    });
    expect(res.truncated).toBe(true);
    expect(res.text).toBe('x'.repeat(100_000));
    const small = await sendHttp({ method: 'GET', url: `${base}/echo`, truncateAt: 100_000 });
    expect(small.truncated).toBeUndefined();
    expect(JSON.parse(small.text)).toEqual({ auth: null });
  });

  it('does not follow redirects, so a credential never travels to another URL', async () => {
    const res = await sendHttp({
      method: 'GET',
      url: `${base}/redirect`,
      headers: { authorization: 'Bearer x' },
    });
    expect(res.status).toBe(302);
  });

  it('refuses to put a credential into a URL', async () => {
    const err = await rejectionOf(sendHttp({ method: 'GET', url: `${base}/echo?api-token=dt0c01.X.Y` }));
    expect(err.code).toBe('SECRET_IN_URL');
    expect(err.message).not.toContain('dt0c01');
  });

  it('times out with the origin only', async () => {
    const err = await rejectionOf(sendHttp({ method: 'GET', url: `${base}/slow?x=secret`, timeoutMs: 200 }));
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toBe(`No answer from ${base} within 0 s.`);
  });

  it('says why a port on the Fetch standard’s blocked list cannot be reached', async () => {
    const err = await rejectionOf(sendHttp({ method: 'GET', url: 'http://127.0.0.1:1/x' }));
    expect(err.message).toBe(
      'Could not reach http://127.0.0.1:1: fetch does not connect to this port (it is on the Fetch standard’s list of blocked ports); use another port',
    );
  });

  it('says "connection refused" for a closed port', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const err = await rejectionOf(sendHttp({ method: 'GET', url: `http://127.0.0.1:${port}/x` }));
    expect(err.message).toMatch(/connection refused/);
  });
});
