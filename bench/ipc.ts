/**
 * The contract over the browser host's WebSocket, on a real loopback socket, with the renderer's own
 * client: the round trip of a small call (`app.version`, schema checks included) and the latency from
 * an event emitted in main to its listener in the client. Client and host share this process, as they
 * share a machine. Run from the repository root (npm run bench -- ipc).
 */
import { rm } from 'node:fs/promises';
import { createHakoApi } from '../app/ipc/client.js';
import { type EventName } from '../app/ipc/contract.js';
import { createDispatcher } from '../app/ipc/dispatch.js';
import { createWebSocketTransport } from '../app/ipc/ws-transport.js';
import { startBrowserHost } from '../main/host/server.js';
import { hostSecret, makeStaticDir, nodeSocketFactory, socketUrl } from '../test/support/host.js';
import { exampleHandlers } from '../test/support/contract-examples.js';

const WARM_UP_CALLS = 500;
const CALLS = 2_000;
const EVENTS = 1_000;
const EVENT_SPACING_MS = 1;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const describe = (samples: number[]) =>
  `p50 ${percentile(samples, 50).toFixed(3)} ms, p95 ${percentile(samples, 95).toFixed(3)} ms, p99 ${percentile(samples, 99).toFixed(3)} ms, max ${Math.max(...samples).toFixed(3)} ms`;

const listeners = new Set<(name: EventName, payload: unknown) => void>();
const events = {
  subscribe(listener: (name: EventName, payload: unknown) => void) {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

const { root, staticDir } = await makeStaticDir();
const host = await startBrowserHost({ dispatch: createDispatcher(exampleHandlers()), events, staticDir });
const transport = createWebSocketTransport({ url: socketUrl(host), secret: hostSecret(host), createSocket: nodeSocketFactory(host) });
const api = createHakoApi(transport);

// ---- round trip ----
for (let i = 0; i < WARM_UP_CALLS; i++) await api.invoke('app.version');
const roundTrips: number[] = [];
for (let i = 0; i < CALLS; i++) {
  const start = performance.now();
  await api.invoke('app.version');
  roundTrips.push(performance.now() - start);
}

// ---- event → client ----
const OPERATION = '0f8fad5b-d9cb-469f-a165-70867728950e';
const sentAt = new Float64Array(EVENTS);
const latencies: number[] = [];
let allReceived!: () => void;
const done = new Promise<void>((resolve) => (allReceived = resolve));
api.on('operations.progress', (payload) => {
  latencies.push(performance.now() - sentAt[payload.completed]!);
  if (latencies.length === EVENTS) allReceived();
});
await api.invoke('app.ready');
for (let i = 0; i < EVENTS; i++) {
  sentAt[i] = performance.now();
  for (const listener of listeners) listener('operations.progress', { operationId: OPERATION, kind: 'disk.create', completed: i, total: EVENTS, done: false });
  await new Promise((resolve) => setTimeout(resolve, EVENT_SPACING_MS));
}
await Promise.race([done, new Promise((_, reject) => setTimeout(() => reject(new Error(`only ${latencies.length} of ${EVENTS} events arrived`)), 10_000))]);

transport.close();
await host.close();
await rm(root, { recursive: true, force: true });

console.log(`host: ${new URL(host.origin).host}; ${CALLS} calls of app.version after ${WARM_UP_CALLS} to warm up; ${EVENTS} events, one per ${EVENT_SPACING_MS} ms`);
console.log(`round trip: ${describe(roundTrips)}`);
console.log(`event latency: ${describe(latencies)}`);
console.log(`bench: ipc_roundtrip_p95_ms = ${percentile(roundTrips, 95).toFixed(3)} ms`);
console.log(`bench: event_latency_p95_ms = ${percentile(latencies, 95).toFixed(3)} ms`);
