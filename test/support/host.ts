/** Helpers for the browser-host tests and the IPC benchmark: a static folder, the secret, Node sockets. */
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { type WebSocketLike } from '../../app/ipc/ws-transport.js';
import { type BrowserHost } from '../../main/host/server.js';

export const SECRET_FILE_TEXT = 'this file lies outside the static folder';

/** A temporary `root/static` with an index.html and a script, and `root/secret.txt` beside it. */
export async function makeStaticDir(): Promise<{ root: string; staticDir: string }> {
  const root = await mkdtemp(path.join(tmpdir(), 'hako-host-'));
  const staticDir = path.join(root, 'static');
  await mkdir(path.join(staticDir, 'assets'), { recursive: true });
  await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Hako</title><script type="module" src="./assets/app.js"></script>');
  await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log("hako");\n');
  await writeFile(path.join(staticDir, 'assets', 'app.css'), 'body { margin: 0 }\n');
  await writeFile(path.join(root, 'secret.txt'), SECRET_FILE_TEXT);
  return { root, staticDir };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

/** One HTTP request with exactly the given path and headers (no URL normalisation, unlike fetch). */
export function rawRequest(port: number, target: string, headers: Record<string, string | undefined> = {}, method = 'GET'): Promise<RawResponse> {
  const sent: Record<string, string> = { Host: `127.0.0.1:${port}` };
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) delete sent[name];
    else sent[name] = value;
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, method, headers: sent, setHost: false, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** The per-run secret, from the fragment of the URL the host printed. */
export function hostSecret(host: BrowserHost): string {
  return new URLSearchParams(new URL(host.url).hash.slice(1)).get('secret')!;
}

/** Sockets as the browser opens them from the host's page: its Origin (the transport sends the secret). */
export function nodeSocketFactory(host: BrowserHost): (url: string) => WebSocketLike {
  return (url) => new WebSocket(url, { origin: host.origin }) as unknown as WebSocketLike;
}

export function socketUrl(host: BrowserHost): string {
  return `ws://${new URL(host.origin).host}/ipc`;
}
