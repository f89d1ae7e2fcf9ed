import { afterEach, describe, expect, it } from 'vitest';
import { createHakoApi } from '../../app/ipc/client.js';
import { HakoApiError, type EventName } from '../../app/ipc/contract.js';
import { createDispatcher, type Dispatch } from '../../app/ipc/dispatch.js';
import { createWebSocketTransport, DISCONNECTED, hostSocketUrl, type ConnectionStatus, type WebSocketTransport } from '../../app/ipc/ws-transport.js';
import { exampleHandlers } from '../../test/support/contract-examples.js';
import { startBrowserHost, type BrowserHost } from './server.js';
import { hostSecret, makeStaticDir, nodeSocketFactory, socketUrl } from '../../test/support/host.js';
import { waitFor } from '../../test/support/wait.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

function eventSource() {
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  return {
    subscribe(listener: (name: EventName, payload: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(name: EventName, payload: unknown) {
      for (const listener of listeners) listener(name, payload);
    },
  };
}

async function startHost(options: { dispatch?: Dispatch; port?: number; secret?: string; events?: ReturnType<typeof eventSource> } = {}) {
  const calls: string[] = [];
  const inner = options.dispatch ?? createDispatcher(exampleHandlers());
  const dispatch: Dispatch = (name, input) => {
    calls.push(name);
    return inner(name, input);
  };
  const host = await startBrowserHost({
    dispatch,
    staticDir: (await makeStaticDir()).staticDir,
    ...(options.events ? { events: options.events } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.secret !== undefined ? { secret: options.secret } : {}),
  });
  cleanup.push(() => host.close());
  return { host, calls };
}

function connect(host: BrowserHost, secret = hostSecret(host), extra: { onStatus?: (s: ConnectionStatus) => void; connectTimeoutMs?: number } = {}): WebSocketTransport {
  const transport = createWebSocketTransport({ url: socketUrl(host), secret, createSocket: nodeSocketFactory(host), minBackoffMs: 20, maxBackoffMs: 100, ...extra });
  cleanup.push(() => transport.close());
  return transport;
}

describe('WebSocket transport', () => {
  it('derives the socket URL from the page location', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:5123' })).toBe('ws://127.0.0.1:5123/ipc');
    expect(hostSocketUrl({ protocol: 'https:', host: '[::1]:443' })).toBe('wss://[::1]:443/ipc');
  });

  it('fails a call in flight with Disconnected when the socket closes, and does not send it again', async () => {
    const base = createDispatcher(exampleHandlers());
    const { host, calls } = await startHost({ dispatch: (name, input) => (name === 'vm.start' ? new Promise(() => undefined) : base(name, input)) });
    const api = createHakoApi(connect(host));
    const started = api.invoke('vm.start', { path: '/vms/demo.7b' });
    await waitFor(() => calls.includes('vm.start'));
    await host.close();
    const error = await started.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HakoApiError);
    expect((error as HakoApiError).code).toBe(DISCONNECTED);
    expect(calls.filter((c) => c === 'vm.start')).toHaveLength(1);
  });

  it('reconnects with back-off, repeats app.ready, and events flow again', async () => {
    const first = await startHost();
    const secret = hostSecret(first.host);
    const statuses: ConnectionStatus[] = [];
    const transport = connect(first.host, secret, { onStatus: (s) => statuses.push(s) });
    const api = createHakoApi(transport);
    const seen: unknown[] = [];
    api.on('app.showVm', (payload) => seen.push(payload));
    await api.invoke('app.ready');
    expect(transport.status).toBe('open');

    await first.host.close();
    await waitFor(() => transport.status === 'connecting', 5_000, 'the disconnect');
    const events = eventSource();
    const second = await startHost({ port: first.host.port, secret, events });
    await waitFor(() => second.calls.includes('app.ready'), 5_000, 'app.ready on the new connection');
    expect(transport.status).toBe('open');
    events.emit('app.showVm', { path: '/vms/after.7b' });
    await waitFor(() => seen.length === 1, 5_000, 'the event');
    expect(seen).toEqual([{ path: '/vms/after.7b' }]);
    expect(await api.invoke('app.version')).toMatchObject({ transport: 'browser-host' });
    expect(statuses).toEqual(['open', 'connecting', 'open']);
  });

  it('holds calls made while connecting, and fails them with Disconnected when no host answers in time', async () => {
    const { host } = await startHost();
    const api = createHakoApi(connect(host));
    expect(await api.invoke('app.version')).toMatchObject({ version: '0.1.0' }); // sent once open
    await host.close();
    const nobody = createHakoApi(connect(host, hostSecret(host), { connectTimeoutMs: 200 }));
    const started = Date.now();
    await expect(nobody.invoke('app.version')).rejects.toMatchObject({ code: DISCONNECTED });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('fails pending and later calls once closed', async () => {
    const { host } = await startHost();
    const transport = connect(host);
    const api = createHakoApi(transport);
    const waiting = api.invoke('app.version');
    transport.close();
    await expect(waiting).rejects.toMatchObject({ code: DISCONNECTED });
    await expect(api.invoke('app.version')).rejects.toMatchObject({ code: DISCONNECTED });
    expect(transport.status).toBe('closed');
  });

  it('with a refused secret (a restarted host), stops for good without running a call', async () => {
    const { host, calls } = await startHost();
    const statuses: ConnectionStatus[] = [];
    const transport = connect(host, 'not-the-secret-0123456789', { onStatus: (s) => statuses.push(s) });
    await expect(createHakoApi(transport).invoke('app.version')).rejects.toMatchObject({ code: DISCONNECTED });
    await waitFor(() => transport.status === 'closed', 5_000, 'the transport to give up');
    expect(calls).toEqual([]);
    expect(statuses.at(-1)).toBe('closed');
  });
});
