// The web edition's access guard over real HTTP and WebSocket: 401 without the launch secret,
// 403 for a foreign Host or Origin, and the contract carried over the socket once signed in.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Handlers } from '../../../src-main/ipc/handler-types';
import { EventBus } from '../../../src-main/services/event-bus';
import { startWebHost, type RunningWebHost } from '../../../src-main/web/host';

const handlers = {
  'app:getInfo': async () => ({
    name: 'Bizlens',
    version: '0.0.0-test',
    edition: 'web',
    secretBackend: { kind: 'keychain', detail: 'test' },
  }),
} as unknown as Handlers;

let host: RunningWebHost;
let dir: string;
let secret: string;
let port: number;
const bus = new EventBus();
const silent = { warn: () => {}, error: () => {} };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bizlens-web-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  host = await startWebHost({ port: 0, staticDir: dir, handlers, bus, log: silent });
  const url = new URL(host.url);
  secret = url.hash.replace('#token=', '');
  port = Number(url.port);
});
afterAll(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

function http(
  method: string,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, method, path, headers: { host: `127.0.0.1:${port}`, ...headers } },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function signIn(): Promise<string> {
  const res = await http('POST', '/session', { authorization: `Bearer ${secret}`, origin: host.origin });
  expect(res.status).toBe(204);
  const cookie = String(res.headers['set-cookie']);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(';')[0]!;
}

function openSocket(headers: Record<string, string>): Promise<WebSocket | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/ipc`, { headers });
    ws.on('open', () => resolve(ws));
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('web edition guard', () => {
  it('prints a loopback URL that carries the secret only in the fragment', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{43}$/);
  });

  it('answers 401 with the sign-in page (not the app) without the secret', async () => {
    const res = await http('GET', '/');
    expect(res.status).toBe(401);
    expect(res.body).not.toContain('<title>app</title>');
    expect(res.headers['content-security-policy']).toMatch(/script-src 'nonce-/);
    expect(
      (await http('GET', '/index.html', { authorization: 'Bearer wrong-secret-wrong-secret' })).status,
    ).toBe(401);
  });

  it('answers 403 for a foreign Host (DNS rebinding) or Origin (CSRF)', async () => {
    expect((await http('GET', '/', { host: `attacker.example:${port}` })).status).toBe(403);
    expect((await http('GET', '/', { host: `localhost:${port}` })).status).toBe(403);
    expect(
      (
        await http('POST', '/session', {
          authorization: `Bearer ${secret}`,
          origin: 'http://attacker.example',
        })
      ).status,
    ).toBe(403);
    expect((await http('POST', '/session', { authorization: `Bearer ${secret}` })).status).toBe(403);
  });

  it('refuses a wrong secret at sign-in', async () => {
    const res = await http('POST', '/session', {
      authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      origin: host.origin,
    });
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('serves the app with a session cookie, with a CSP, and never outside its folder', async () => {
    const cookie = await signIn();
    const res = await http('GET', '/', { cookie });
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>app</title>');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect((await http('GET', '/../../etc/passwd', { cookie })).status).toBe(404);
    expect((await http('GET', '/%2e%2e%2f%2e%2e%2fetc%2fpasswd', { cookie })).status).toBe(404);
  });

  it('refuses WebSocket upgrades without the session (401) or from a foreign origin (403)', async () => {
    const cookie = await signIn();
    expect(await openSocket({ origin: host.origin })).toBe(401);
    expect(await openSocket({ origin: 'http://attacker.example', cookie })).toBe(403);
    expect(await openSocket({ cookie })).toBe(403);
  });

  it('carries contract calls and events over the signed-in socket', async () => {
    const cookie = await signIn();
    const ws = await openSocket({ origin: host.origin, cookie });
    if (typeof ws === 'number') throw new Error(`upgrade failed: ${ws}`);
    const messages: unknown[] = [];
    const reply = new Promise<unknown>((resolve) =>
      ws.on('message', (data: Buffer) => {
        const msg = JSON.parse(data.toString()) as { t: string };
        messages.push(msg);
        if (msg.t === 'reply') resolve(msg);
      }),
    );
    ws.send(JSON.stringify({ t: 'invoke', id: 7, channel: 'app:getInfo', args: [{}] }));
    expect(await reply).toEqual({
      t: 'reply',
      id: 7,
      value: {
        ok: true,
        value: {
          name: 'Bizlens',
          version: '0.0.0-test',
          edition: 'web',
          secretBackend: { kind: 'keychain', detail: 'test' },
        },
      },
    });
    const event = new Promise<unknown>((resolve) =>
      ws.on('message', (data: Buffer) => {
        const msg = JSON.parse(data.toString()) as { t: string };
        if (msg.t === 'event') resolve(msg);
      }),
    );
    bus.emit('environments:changed', { environments: [], selectedId: null });
    expect(await event).toEqual({
      t: 'event',
      channel: 'environments:changed',
      payload: { environments: [], selectedId: null },
    });
    ws.close();
  });

  it('closes a socket that sends malformed messages', async () => {
    const cookie = await signIn();
    const ws = await openSocket({ origin: host.origin, cookie });
    if (typeof ws === 'number') throw new Error(`upgrade failed: ${ws}`);
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    ws.send('{"t":"invoke","id":"x"}');
    expect(await closed).toBe(1008);
  });
});
