/**
 * The contract through both transports the renderer can be given: the browser host's WebSocket (real
 * sockets on loopback, the renderer's own client) and an in-process fake of Electron's IPC built from the
 * same contract. One table of tests runs against both.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type z } from 'zod';
import { createHakoApi, type Transport } from '../../app/ipc/client.js';
import {
  CALL_NAMES,
  channelOf,
  CONTRACT,
  EVENT_NAMES,
  HakoApiError,
  type CallName,
  type Envelope,
  type EventName,
  type HakoApi,
} from '../../app/ipc/contract.js';
import { createDispatcher, type Handlers } from '../../app/ipc/dispatch.js';
import { createWebSocketTransport, type WebSocketTransport } from '../../app/ipc/ws-transport.js';
import { HakoError } from '../../app/errors/error-info.js';
import { EXAMPLE_EVENTS, EXAMPLE_INPUTS, EXAMPLE_OUTPUTS, exampleHandlers } from '../../test/support/contract-examples.js';
import { FakeIpcMain, FakeWebContents, fakePreloadTransport, registerContract } from '../../test/support/electron-fake.js';
import { startBrowserHost } from './server.js';
import { hostSecret, makeStaticDir, nodeSocketFactory, socketUrl } from '../../test/support/host.js';
import { waitFor } from '../../test/support/wait.js';

const FUZZ_PER_CALL = 1_000;

interface Harness {
  readonly transport: Transport;
  readonly api: HakoApi;
  /** What reached the handlers. */
  readonly received: { name: CallName; input: unknown }[];
  /** Calls whose handler throws this once. */
  readonly failures: Map<CallName, unknown>;
  emit(name: EventName, payload: unknown): void;
  close(): Promise<void>;
}

function services() {
  const received: { name: CallName; input: unknown }[] = [];
  const failures = new Map<CallName, unknown>();
  const base = exampleHandlers(received) as unknown as Record<CallName, (input: unknown) => unknown>;
  const handlers = Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      (input: unknown) => {
        if (failures.has(name)) {
          const error = failures.get(name);
          failures.delete(name);
          throw error;
        }
        return base[name](input);
      },
    ]),
  ) as unknown as Handlers;
  const listeners = new Set<(name: EventName, payload: unknown) => void>();
  const events = {
    subscribe(listener: (name: EventName, payload: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = (name: EventName, payload: unknown) => {
    for (const listener of listeners) listener(name, payload);
  };
  return { dispatch: createDispatcher(handlers), events, emit, received, failures };
}

const TRANSPORTS: { name: string; start(): Promise<Harness> }[] = [
  {
    name: 'browser host (WebSocket)',
    async start() {
      const s = services();
      const host = await startBrowserHost({ dispatch: s.dispatch, events: s.events, staticDir: (await makeStaticDir()).staticDir });
      const transport: WebSocketTransport = createWebSocketTransport({ url: socketUrl(host), secret: hostSecret(host), createSocket: nodeSocketFactory(host) });
      return {
        transport,
        api: createHakoApi(transport),
        received: s.received,
        failures: s.failures,
        emit: s.emit,
        async close() {
          transport.close();
          await host.close();
        },
      };
    },
  },
  {
    name: 'Electron IPC (in-process fake)',
    async start() {
      const s = services();
      const ipcMain = new FakeIpcMain();
      const registration = registerContract(ipcMain, {
        dispatch: s.dispatch,
        events: s.events,
        isTrustedSender: (frame) => frame.parent === null && frame.url.startsWith('app://hako/'),
      });
      const webContents = new FakeWebContents(ipcMain, { url: 'app://hako/index.html', parent: null });
      registration.attach(webContents);
      const transport = fakePreloadTransport(webContents.ipcRenderer);
      return {
        transport,
        api: createHakoApi(transport),
        received: s.received,
        failures: s.failures,
        emit: s.emit,
        async close() {
          registration.dispose();
        },
      };
    },
  },
];

// ---- malformed inputs ----

type Path = (string | number)[];

/** Every node of a JSON value, as paths from the root (the root itself included). */
function nodePaths(value: unknown, prefix: Path = []): Path[] {
  const paths: Path[] = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...nodePaths(item, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) paths.push(...nodePaths(item, [...prefix, key]));
  return paths;
}

const clone = <T>(value: T): T => (value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T));

function edit(value: unknown, path: Path, change: (parent: Record<string | number, unknown>, key: string | number) => void): unknown {
  if (path.length === 0) return value;
  const copy = clone(value);
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  change(parent, path.at(-1)!);
  return copy;
}

const setAt = (value: unknown, path: Path, next: unknown) => (path.length === 0 ? next : edit(value, path, (parent, key) => (parent[key] = next)));
const deleteAt = (value: unknown, path: Path) =>
  edit(value, path, (parent, key) => (Array.isArray(parent) ? parent.splice(Number(key), 1) : delete parent[key]));
const addAt = (value: unknown, path: Path, key: string, extra: unknown) => {
  const add = (target: unknown) => {
    if (typeof target === 'object' && target !== null && !Array.isArray(target)) Object.defineProperty(target, key, { value: extra, enumerable: true, writable: true, configurable: true });
  };
  if (path.length > 0) return edit(value, path, (parent, k) => add(parent[k]));
  const copy = clone(value);
  add(copy);
  return copy;
};

/** Inputs the call's schema refuses: random JSON, and the valid example with a field retyped, removed or added. */
function malformedInputs(name: CallName, count: number): unknown[] {
  const schema = CONTRACT[name].input as z.ZodType;
  const example: unknown = EXAMPLE_INPUTS[name];
  const paths = example === undefined ? [] : nodePaths(example);
  const objectPaths = paths.filter((p) => {
    const node = p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], example);
    return typeof node === 'object' && node !== null && !Array.isArray(node);
  });
  const candidates: fc.Arbitrary<unknown>[] = [fc.jsonValue()];
  if (paths.length > 1) {
    const inner = paths.slice(1);
    candidates.push(
      fc.tuple(fc.constantFrom(...inner), fc.jsonValue()).map(([p, v]) => setAt(example, p, v)),
      fc.constantFrom(...inner).map((p) => deleteAt(example, p)),
    );
  }
  if (objectPaths.length > 0) {
    candidates.push(fc.tuple(fc.constantFrom(...objectPaths), fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 })).map(([p, k, v]) => addAt(example, p, k, v)));
  }
  const malformed = fc
    .oneof(...candidates)
    // What crosses a WebSocket is JSON; the same values go through Electron's structured clone.
    .map((value) => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as unknown)))
    .filter((value) => !schema.safeParse(value).success);
  return fc.sample(malformed, { numRuns: count, seed: CALL_NAMES.indexOf(name) + 1 });
}

// ---- the examples themselves ----

describe('contract examples', () => {
  it('cover every call and every event, each valid by the contract', () => {
    expect(Object.keys(EXAMPLE_INPUTS).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.keys(EXAMPLE_OUTPUTS).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.keys(EXAMPLE_EVENTS).sort()).toEqual([...EVENT_NAMES].sort());
    for (const name of CALL_NAMES) {
      const spec = CONTRACT[name] as { input: z.ZodType; output: z.ZodType };
      expect(spec.input.safeParse(EXAMPLE_INPUTS[name]).error, `${name} input`).toBeUndefined();
      expect(spec.output.safeParse(EXAMPLE_OUTPUTS[name]).error, `${name} output`).toBeUndefined();
    }
    for (const name of EVENT_NAMES) {
      expect((CONTRACT[name] as { payload: z.ZodType }).payload.safeParse(EXAMPLE_EVENTS[name]).error, name).toBeUndefined();
    }
  });

  it('give the fuzzer only inputs the schema refuses', () => {
    for (const name of ['config.save', 'app.setPreferences', 'vm.start', 'app.version'] as const) {
      const inputs = malformedInputs(name, 200);
      expect(inputs).toHaveLength(200);
      for (const input of inputs) expect((CONTRACT[name].input as z.ZodType).safeParse(input).success).toBe(false);
    }
  });
});

// ---- the shared suite ----

describe.each(TRANSPORTS)('$name', ({ start }) => {
  let h: Harness;
  beforeEach(async () => {
    h = await start();
  });
  afterEach(async () => {
    await h.close();
  });

  it('round-trips every call of the contract', async () => {
    for (const name of CALL_NAMES) {
      const input = EXAMPLE_INPUTS[name];
      const invoke = h.api.invoke as (name: CallName, ...input: unknown[]) => Promise<unknown>;
      const output = await (input === undefined ? invoke(name) : invoke(name, input));
      expect(output, name).toEqual(EXAMPLE_OUTPUTS[name]);
      expect(h.received.at(-1), name).toEqual({ name, input });
    }
    expect(h.received.map((r) => r.name)).toEqual(CALL_NAMES);
  });

  it('turns a failed call into a typed HakoApiError', async () => {
    h.failures.set('vm.start', new HakoError('VmRunning', 'demo is already running.', { state: 'Running' }, undefined, 'Shut it down first.'));
    const error = await h.api.invoke('vm.start', { path: '/vms/demo.7b' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HakoApiError);
    expect(error).toMatchObject({ code: 'VmRunning', message: 'demo is already running.', params: { state: 'Running' }, advice: 'Shut it down first.' });
    await expect(h.api.invoke('vm.get', { path: 'C:\\VMs\\x.txt' } as never)).rejects.toMatchObject({ code: 'BadRequest', path: '/path' });
  });

  it('holds events back until the renderer calls app.ready, then delivers them in order', async () => {
    const seen: { name: EventName; payload: unknown }[] = [];
    for (const name of EVENT_NAMES) h.api.on(name, (payload) => seen.push({ name, payload }));
    await h.api.invoke('app.version'); // connected: events are held per connection
    for (const name of EVENT_NAMES) h.emit(name, EXAMPLE_EVENTS[name]);
    await h.api.invoke('app.version');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen).toEqual([]);

    await h.api.invoke('app.ready');
    await waitFor(() => seen.length === EVENT_NAMES.length, 5_000, 'the queued events');
    expect(seen).toEqual(EVENT_NAMES.map((name) => ({ name, payload: EXAMPLE_EVENTS[name] })));

    h.emit('app.showVm', { path: '/vms/later.7b' });
    await waitFor(() => seen.length === EVENT_NAMES.length + 1, 5_000, 'the live event');
    expect(seen.at(-1)).toEqual({ name: 'app.showVm', payload: { path: '/vms/later.7b' } });
  });

  it('stops calling a listener once unsubscribed', async () => {
    const seen: unknown[] = [];
    const off = h.api.on('app.showVm', (payload) => seen.push(payload));
    await h.api.invoke('app.ready');
    h.emit('app.showVm', { path: '/vms/a.7b' });
    await waitFor(() => seen.length === 1);
    off();
    h.emit('app.showVm', { path: '/vms/b.7b' });
    await h.api.invoke('app.version');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(seen).toEqual([{ path: '/vms/a.7b' }]);
  });

  it.each(CALL_NAMES)(`rejects ${FUZZ_PER_CALL} malformed inputs to %s with BadRequest, none reaching the handler`, async (name) => {
    const inputs = malformedInputs(name, FUZZ_PER_CALL);
    const envelopes = await Promise.all(inputs.map((input) => h.transport.invoke(channelOf(name), input)));
    const wrong = envelopes
      .map((envelope: Envelope<unknown>, i) => ({ envelope, input: inputs[i] }))
      .filter(({ envelope }) => envelope.ok || envelope.error.code !== 'BadRequest');
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(h.received).toEqual([]);
  });
});
