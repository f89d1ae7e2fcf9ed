// The Electron shell's loopback console endpoint: only `/console`, only the Origin app://hako, only its
// own Host; the socket it accepts reaches the proxy.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type ConsoleSocket } from '../services/screen/console-socket.js';
import { CONSOLE_MAX_FRAME_BYTES } from '../host/console-socket.js';
import { waitFor } from '../../test/support/wait.js';
import { startConsoleServer, type ConsoleServer } from './console-server.js';

let server: ConsoleServer;
let accepted: ConsoleSocket[];

beforeEach(async () => {
  accepted = [];
  server = await startConsoleServer((socket) => accepted.push(socket));
});

afterEach(async () => {
  await server.close();
});

function attempt(url: string, headers: Record<string, string>): Promise<'open' | number | 'error'> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
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

describe('the console server', () => {
  it('listens on 127.0.0.1 at /console and hands over a socket opened with Origin app://hako', async () => {
    expect(server.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/console$/);
    const ws = new WebSocket(server.url, { origin: 'app://hako' });
    await new Promise((resolve) => ws.once('open', resolve));
    await waitFor(() => accepted.length === 1, 2_000, 'the accepted socket');
    const got: Uint8Array[] = [];
    accepted[0]!.onMessage((data) => got.push(data));
    ws.send(Uint8Array.from([9, 8]));
    await waitFor(() => got.length === 1, 2_000, 'the message');
    expect([...got[0]!]).toEqual([9, 8]);
    ws.close();
  });

  it('refuses another Origin, another path, another Host, and plain HTTP', async () => {
    const port = new URL(server.url).port;
    expect(await attempt(server.url, { Origin: 'app://other' })).toBe(403);
    expect(await attempt(server.url, { Origin: 'http://127.0.0.1' })).toBe(403);
    expect(await attempt(server.url, {})).toBe(403);
    expect(await attempt(`ws://127.0.0.1:${port}/console/x`, { Origin: 'app://hako' })).toBe(403);
    expect(await attempt(`ws://127.0.0.1:${port}/ipc`, { Origin: 'app://hako' })).toBe(403);
    expect(await attempt(server.url, { Origin: 'app://hako', Host: `localhost:${port}` })).toBe(403);
    const plain = await fetch(`http://127.0.0.1:${port}/console`);
    expect(plain.status).toBe(403);
    expect(accepted).toHaveLength(0);
  });

  it('closes a console socket that sends a frame beyond 1 MiB (1009), after taking one of exactly 1 MiB', async () => {
    const ws = new WebSocket(server.url, { origin: 'app://hako' });
    await new Promise((resolve) => ws.once('open', resolve));
    await waitFor(() => accepted.length === 1, 2_000, 'the accepted socket');
    const sizes: number[] = [];
    accepted[0]!.onMessage((data) => sizes.push(data.length));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(new Uint8Array(CONSOLE_MAX_FRAME_BYTES));
    await waitFor(() => sizes.length === 1, 5_000, 'the largest frame allowed');
    ws.send(new Uint8Array(CONSOLE_MAX_FRAME_BYTES + 1));
    expect(await closed).toBe(1009);
    expect(sizes).toEqual([CONSOLE_MAX_FRAME_BYTES]);
  });
});
