import { symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type CallName } from '../../app/ipc/contract.js';
import { createDispatcher } from '../../app/ipc/dispatch.js';
import { exampleHandlers } from '../../test/support/contract-examples.js';
import { type ConsoleSocket } from '../services/screen/console-socket.js';
import { AUTH_FAILED_CLOSE_CODE, AUTH_TIMEOUT_MS, isLoopbackAddress, MAX_MESSAGE_BYTES, startBrowserHost, type BrowserHost } from './server.js';
import { hostSecret, makeStaticDir, rawRequest, SECRET_FILE_TEXT, socketUrl } from '../../test/support/host.js';
import { waitFor } from '../../test/support/wait.js';

let host: BrowserHost;
let root: string;
let staticDir: string;
let received: { name: CallName; input: unknown }[];

beforeEach(async () => {
  ({ root, staticDir } = await makeStaticDir());
  received = [];
  host = await startBrowserHost({ dispatch: createDispatcher(exampleHandlers(received)), staticDir });
});

afterEach(async () => {
  await host.close();
});

const secretOf = (h: BrowserHost) => hostSecret(h);

/** The outcome of a WebSocket upgrade: 'open', or the HTTP status it was refused with. */
function upgrade(target: string, options: { origin?: string; host?: string } = {}): Promise<'open' | number | 'error'> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = {};
    if (options.host !== undefined) headers.Host = options.host;
    const ws = new WebSocket(`ws://127.0.0.1:${host.port}${target}`, { ...(options.origin !== undefined ? { origin: options.origin } : {}), headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
    });
    ws.on('error', () => resolve('error'));
  });
}

describe('binding', () => {
  it.each(['0.0.0.0', '::', '10.0.0.1', '192.168.1.10', 'localhost', 'example.com', '::ffff:127.0.0.1', ''])('refuses to bind to %j', async (address) => {
    await expect(startBrowserHost({ dispatch: createDispatcher(exampleHandlers()), staticDir, host: address })).rejects.toThrow(/loopback/);
  });

  it('takes an ephemeral port and prints a URL with a fresh 32-byte secret', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#secret=[A-Za-z0-9_-]{43}$/);
    expect(host.port).toBeGreaterThan(0);
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    const other = await startBrowserHost({ dispatch: createDispatcher(exampleHandlers()), staticDir });
    try {
      expect(secretOf(other)).not.toBe(secretOf(host));
      expect(other.port).not.toBe(host.port);
    } finally {
      await other.close();
    }
  });

  it('also binds to ::1', async () => {
    let v6: BrowserHost;
    try {
      v6 = await startBrowserHost({ dispatch: createDispatcher(exampleHandlers()), staticDir, host: '::1' });
    } catch (error) {
      if ((error as { code?: string }).code === 'EADDRNOTAVAIL') return; // no IPv6 here
      throw error;
    }
    expect(v6.url).toMatch(/^http:\/\/\[::1\]:\d+\/#secret=/);
    await v6.close();
  });

  it('knows loopback peers from others', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) expect(isLoopbackAddress(address), address).toBe(true);
    for (const address of [undefined, '', '10.0.0.1', '192.168.0.1', '::', '::2', 'fe80::1', '::ffff:10.0.0.1', '128.0.0.1', 'localhost']) {
      expect(isLoopbackAddress(address), String(address)).toBe(false);
    }
  });
});

describe('HTTP', () => {
  it('serves the page without the secret, and never sets a cookie (cookies ignore ports)', async () => {
    for (const target of ['/', '/index.html', `/?secret=${secretOf(host)}`, '/?secret=wrong']) {
      const response = await rawRequest(host.port, target);
      expect(response.status, target).toBe(200);
      expect(response.body).toContain('<title>Hako</title>');
      expect(response.body).not.toContain(secretOf(host));
      expect(response.headers['set-cookie'], target).toBeUndefined();
      expect(response.headers['content-security-policy']).toContain("default-src 'none'");
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('serves the static files with their types and the security headers', async () => {
    const script = await rawRequest(host.port, '/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toBe('console.log("hako");\n');
    expect((await rawRequest(host.port, '/assets/app.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await rawRequest(host.port, '/index.html', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    for (const response of [script, head]) {
      const csp = response.headers['content-security-policy']!;
      for (const directive of ["default-src 'none'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "form-action 'none'"]) {
        expect(csp).toContain(directive);
      }
      expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${host.port}`);
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-frame-options']).toBe('DENY');
    }
    expect((await rawRequest(host.port, '/missing.js')).status).toBe(404);
    expect((await rawRequest(host.port, '/', {}, 'POST')).status).toBe(405);
    expect((await rawRequest(host.port, '/ipc')).status).toBe(426);
  });

  it('answers oversize headers with 431', async () => {
    const response = await rawRequest(host.port, '/', { 'X-Big': 'x'.repeat(64 * 1024) });
    expect(response.status).toBe(431);
  });

  it('refuses a Host header that is not its own (DNS rebinding)', async () => {
    for (const hostHeader of ['evil.example', `evil.example:${host.port}`, `localhost:${host.port}`, `127.0.0.1:${host.port + 1}`, '127.0.0.1', `127.0.0.2:${host.port}`, undefined]) {
      const response = await rawRequest(host.port, '/', { Host: hostHeader });
      // Node itself answers a request without Host with 400.
      expect(hostHeader === undefined ? [400, 403] : [403], String(hostHeader)).toContain(response.status);
      expect(response.body).not.toContain('<title>Hako');
    }
  });

  it('serves nothing outside the static folder (path traversal, encoded or not, symbolic links)', async () => {
    await symlink(path.join(root, 'secret.txt'), path.join(staticDir, 'link.txt'));
    const targets = [
      '/../secret.txt',
      '/../package.json',
      '/..%2fsecret.txt',
      '/..%2Fsecret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e%2fsecret.txt',
      '/.%2e/secret.txt',
      '/assets/../../secret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5csecret.txt',
      '/..\\secret.txt',
      '/%252e%252e/secret.txt',
      '/%c0%ae%c0%ae/secret.txt',
      `/${'..%2f'.repeat(12)}etc%2fpasswd`,
      '/secret.txt%00.js',
      '/link.txt',
      `/..%2f${path.basename(root)}%2fsecret.txt`,
      `/${encodeURIComponent(path.join(root, 'secret.txt'))}`,
    ];
    for (const target of targets) {
      const response = await rawRequest(host.port, target);
      expect([400, 404], target).toContain(response.status);
      expect(response.body, target).not.toContain(SECRET_FILE_TEXT);
      expect(response.body, target).not.toContain('"name"');
    }
  });
});

describe('WebSocket upgrade', () => {
  it('opens with the host’s own Origin', async () => {
    expect(await upgrade('/ipc', { origin: host.origin })).toBe('open');
  });

  it('refuses a foreign, missing or merely similar Origin', async () => {
    for (const origin of [
      'http://evil.example',
      `http://localhost:${host.port}`,
      `http://127.0.0.1:${host.port + 1}`,
      `https://127.0.0.1:${host.port}`,
      `http://127.0.0.1:${host.port}/`,
      `${host.origin}.evil.example`,
      'null',
      'file://',
      undefined,
    ]) {
      expect(await upgrade('/ipc', { origin }), String(origin)).toBe(403);
    }
  });

  it('refuses another path or Host', async () => {
    expect(await upgrade('/', { origin: host.origin })).toBe(403);
    expect(await upgrade('/ipc/x', { origin: host.origin })).toBe(403);
    expect(await upgrade('/ipc', { origin: host.origin, host: `localhost:${host.port}` })).toBe(403);
    expect(await upgrade('/ipc', { origin: host.origin, host: 'evil.example' })).toBe(403);
  });
});

describe('the console', () => {
  it('serves console.html with its own policy, framable by its own origin only; every other page stays unframable', async () => {
    await writeFile(path.join(staticDir, 'console.html'), '<!doctype html><title>console</title>');
    const console_ = await rawRequest(host.port, '/console.html');
    expect(console_.status).toBe(200);
    expect(console_.headers['x-frame-options']).toBe('SAMEORIGIN');
    const csp = console_.headers['content-security-policy']!;
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain(`connect-src 'self' data: ws://127.0.0.1:${host.port}/console`);
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain("'unsafe-eval'");
    const index = await rawRequest(host.port, '/index.html');
    expect(index.headers['x-frame-options']).toBe('DENY');
    expect(index.headers['content-security-policy']).toContain("frame-src 'self'");
    expect(index.headers['content-security-policy']).toContain("style-src 'self';");
    expect(index.headers['content-security-policy']).not.toContain('wasm-unsafe-eval');
    expect(host.consoleUrl).toBe(`ws://127.0.0.1:${host.port}/console`);
    expect((await rawRequest(host.port, '/console')).status).toBe(426);
  });

  it('hands a /console socket with the host’s Origin to the proxy, and refuses any other Origin', async () => {
    const accepted: ConsoleSocket[] = [];
    const withConsole = await startBrowserHost({ dispatch: createDispatcher(exampleHandlers()), staticDir, onConsole: (socket) => accepted.push(socket) });
    try {
      const url = `ws://127.0.0.1:${withConsole.port}/console`;
      for (const origin of ['http://evil.example', `http://localhost:${withConsole.port}`, undefined]) {
        const outcome = await new Promise((resolve) => {
          const ws = new WebSocket(url, origin !== undefined ? { origin } : {});
          ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
          ws.on('open', () => resolve('open'));
          ws.on('error', () => resolve('error'));
        });
        expect(outcome, String(origin)).toBe(403);
      }
      expect(accepted).toHaveLength(0);
      const ws = new WebSocket(url, { origin: withConsole.origin });
      const received: Buffer[] = [];
      ws.on('message', (data) => received.push(data as Buffer));
      await new Promise((resolve) => ws.once('open', resolve));
      await waitFor(() => accepted.length === 1, 2_000, 'the console socket');
      const messages: Uint8Array[] = [];
      accepted[0]!.onMessage((data, binary) => binary && messages.push(data));
      ws.send(Uint8Array.from([1, 2, 3]));
      await waitFor(() => messages.length === 1, 2_000, 'the message');
      expect([...messages[0]!]).toEqual([1, 2, 3]);
      accepted[0]!.send(Uint8Array.from([4, 5]));
      await waitFor(() => received.length === 1, 2_000, 'the answer');
      expect([...received[0]!]).toEqual([4, 5]);
      ws.close();
    } finally {
      await withConsole.close();
    }
    // A host without a console refuses the path.
    expect(await upgrade('/console', { origin: host.origin })).toBe(403);
  });
});

describe('the secret, as the first message', () => {
  /** An open socket that has sent `first` (if given); what it heard and how it closed. */
  async function opened(first?: string): Promise<{ ws: WebSocket; replies: unknown[]; closed: () => number | null }> {
    const ws = new WebSocket(socketUrl(host), { origin: host.origin });
    const replies: unknown[] = [];
    let closeCode: number | null = null;
    ws.on('message', (data) => replies.push(JSON.parse(String(data))));
    ws.on('close', (code) => (closeCode = code));
    ws.on('error', () => undefined);
    await new Promise((resolve) => ws.once('open', resolve));
    if (first !== undefined) ws.send(first);
    return { ws, replies, closed: () => closeCode };
  }

  it('lets the right secret in', async () => {
    const { ws, replies } = await opened(JSON.stringify({ type: 'auth', secret: secretOf(host) }));
    ws.send(JSON.stringify({ id: 1, channel: 'hako:app.version' }));
    await waitFor(() => replies.length === 1);
    expect(replies[0]).toMatchObject({ id: 1, envelope: { ok: true } });
    ws.close();
  });

  it.each([
    ['a wrong secret', () => JSON.stringify({ type: 'auth', secret: 'nope' })],
    ['an almost-right secret', () => JSON.stringify({ type: 'auth', secret: secretOf(host).slice(0, -1) + (secretOf(host).endsWith('A') ? 'B' : 'A') })],
    ['a call instead of the secret', () => JSON.stringify({ id: 1, channel: 'hako:library.list' })],
    ['extra fields', () => JSON.stringify({ type: 'auth', secret: secretOf(host), id: 1 })],
    ['not JSON', () => 'auth'],
  ])('closes with 4401 on %s, answering nothing', async (_what, first) => {
    const { replies, closed } = await opened(first());
    await waitFor(() => closed() !== null, 5_000, 'the close');
    expect(closed()).toBe(AUTH_FAILED_CLOSE_CODE);
    expect(replies).toEqual([]);
    expect(received).toEqual([]);
  });

  it('closes a socket that says nothing within the deadline', async () => {
    const { closed } = await opened();
    await waitFor(() => closed() !== null, AUTH_TIMEOUT_MS + 2_000, 'the close');
    expect(closed()).toBe(AUTH_FAILED_CLOSE_CODE);
  });
});

describe('WebSocket messages', () => {
  async function connect(): Promise<{ ws: WebSocket; replies: unknown[]; closed: () => number | null }> {
    const ws = new WebSocket(socketUrl(host), { origin: host.origin });
    const replies: unknown[] = [];
    let closeCode: number | null = null;
    ws.on('message', (data) => replies.push(JSON.parse(String(data))));
    ws.on('close', (code) => (closeCode = code));
    ws.on('error', () => undefined);
    await new Promise((resolve) => ws.once('open', resolve));
    ws.send(JSON.stringify({ type: 'auth', secret: secretOf(host) }));
    return { ws, replies, closed: () => closeCode };
  }

  const badRequest = (id: unknown) => ({ id, envelope: { ok: false, error: expect.objectContaining({ code: 'BadRequest' }) } });

  it('answers malformed messages that carry an id with BadRequest, ignores the rest, and keeps serving', async () => {
    const { ws, replies } = await connect();
    ws.send('not json');
    ws.send('[1,2,3]');
    ws.send('null');
    ws.send('{"channel":"hako:app.version"}');
    ws.send('{"id":-1,"channel":"hako:app.version"}');
    ws.send(JSON.stringify({ id: 'x'.repeat(65), channel: 'hako:app.version' }));
    ws.send(Buffer.from(JSON.stringify({ id: 99, channel: 'hako:app.version' })), { binary: true });
    ws.send('{"id":1,"channel":"hako:app.version"'); // truncated
    ws.send(JSON.stringify({ id: 2, channel: 'hako:app.version', extra: true }));
    ws.send(JSON.stringify({ id: 3, channel: 5 }));
    ws.send(JSON.stringify({ id: 4, channel: 'app.version' }));
    ws.send(JSON.stringify({ id: 5, channel: 'hako:nope' }));
    ws.send(JSON.stringify({ id: 6, channel: 'hako:vm.changed' }));
    ws.send(JSON.stringify({ id: 7, channel: 'hako:__proto__' }));
    ws.send(JSON.stringify({ id: 8, channel: 'hako:app.version', input: null }));
    ws.send(JSON.stringify({ id: 9, channel: 'hako:app.version', input: 'x'.repeat(MAX_MESSAGE_BYTES) }));
    ws.send(JSON.stringify({ id: 'last', channel: 'hako:app.version' }));
    await waitFor(() => replies.length >= 10, 5_000, 'the answers');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(replies).toHaveLength(10);
    expect(replies.slice(0, 9)).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7, 8, 9].map(badRequest)));
    expect(replies).toContainEqual({ id: 'last', envelope: { ok: true, value: expect.objectContaining({ transport: 'browser-host' }) } });
    expect(received.map((r) => r.name)).toEqual(['app.version']);
    ws.close();
  });

  it('closes a connection that sends a frame beyond the hard limit, and stays up', async () => {
    const { ws, closed } = await connect();
    ws.send(JSON.stringify({ id: 1, channel: 'hako:app.version', input: 'x'.repeat(5 * MAX_MESSAGE_BYTES) }));
    await waitFor(() => closed() !== null, 5_000, 'the close');
    expect(closed()).toBe(1009);
    const again = await connect();
    again.ws.send(JSON.stringify({ id: 1, channel: 'hako:app.version' }));
    await waitFor(() => again.replies.length === 1);
    expect(again.replies[0]).toMatchObject({ id: 1, envelope: { ok: true } });
    again.ws.close();
  });

  it('stops serving when closed', async () => {
    const { closed } = await connect();
    await host.close();
    await waitFor(() => closed() !== null, 5_000, 'the close');
    await expect(rawRequest(host.port, '/')).rejects.toThrow();
  });
});
