/**
 * The Electron IPC path end to end without Electron: main's registration (ipc-core.ts, the code
 * ipc.ts runs on the real ipcMain) over the in-process IPC fake, and the preload's bridged API
 * (app/ipc/bridge.ts, the code preload/index.ts exposes) on the fake ipcRenderer, seen from the
 * renderer through `fromBridge`.
 */
import { describe, expect, it } from 'vitest';
import { CALLS, EVENTS, channelName, isCallName, isEventName } from '../../app/ipc/channels.js';
import { createBridgedApi, fromBridge, isBridgedError, type IpcRendererLike } from '../../app/ipc/bridge.js';
import { CALL_NAMES, CONTRACT, EVENT_NAMES, HakoApiError, channelOf, type HakoApi } from '../../app/ipc/contract.js';
import { CONTENT_SECURITY_POLICY } from '../../app/ipc/csp.js';
import { createDispatcher } from '../../app/ipc/dispatch.js';
import { EXAMPLE_EVENTS, EXAMPLE_INPUTS, EXAMPLE_OUTPUTS, exampleHandlers } from '../../test/support/contract-examples.js';
import { FakeIpcMain, FakeWebContents, type FakeFrame } from '../../test/support/electron-fake.js';
import { registerContractIpc, type IpcMainLike } from './ipc-core.js';

const APP_FRAME: FakeFrame = { url: 'app://hako/index.html', parent: null };
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

function setUp() {
  const ipcMain = new FakeIpcMain();
  const received: { name: string; input: unknown }[] = [];
  const warnings: string[] = [];
  const bridge = registerContractIpc(ipcMain as unknown as IpcMainLike<FakeWebContents>, createDispatcher(exampleHandlers(received as never)), {
    warn: (m) => warnings.push(m),
  });
  const contents = new FakeWebContents(ipcMain, APP_FRAME);
  bridge.attach(contents);
  const ipc = contents.ipcRenderer as unknown as IpcRendererLike;
  const api = fromBridge(createBridgedApi(ipc), (info) => new HakoApiError(info));
  return { ipcMain, bridge, contents, api, received, warnings };
}

describe('channel names without zod', () => {
  it('are exactly the contract’s calls and events', () => {
    expect([...CALLS].sort()).toEqual([...CALL_NAMES].sort());
    expect([...EVENTS].sort()).toEqual([...EVENT_NAMES].sort());
    for (const name of Object.keys(CONTRACT) as (keyof typeof CONTRACT)[]) expect(channelName(name)).toBe(channelOf(name));
    expect(isCallName('vm.start')).toBe(true);
    expect(isCallName('vm.changed')).toBe(false);
    expect(isEventName('vm.changed')).toBe(true);
    expect(isCallName('__proto__')).toBe(false);
  });

  it('the shared CSP forbids inline and remote code', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
});

describe('the contract over Electron IPC', () => {
  it('answers every call with the handler’s value', async () => {
    const { api, received } = setUp();
    for (const name of CALL_NAMES) {
      const input = EXAMPLE_INPUTS[name];
      const value = await (api.invoke as (n: string, ...i: unknown[]) => Promise<unknown>)(name, ...(input === undefined ? [] : [input]));
      expect(value, name).toEqual(EXAMPLE_OUTPUTS[name]);
    }
    expect(received.map((r) => r.name)).toEqual(CALL_NAMES);
  });

  it('turns errors into HakoApiError in the renderer, with code and path', async () => {
    const { api, received } = setUp();
    const error = await (api as HakoApi).invoke('vm.start', { path: 'C:\\vms\\a.txt' } as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HakoApiError);
    expect(error).toMatchObject({ code: 'BadRequest', path: '/path' });
    expect(received).toEqual([]);
  });

  it('rejects with plain data that survives the context bridge (custom Error fields would not)', async () => {
    const { contents } = setUp();
    const bridged = createBridgedApi(contents.ipcRenderer as unknown as IpcRendererLike);
    const error = await bridged.invoke('vm.get', { path: 'x' } as never).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(Error);
    expect(isBridgedError(error)).toBe(true);
    expect(structuredClone(error)).toEqual(error);
    await expect((bridged.invoke as (n: string) => Promise<unknown>)('nope.call')).rejects.toMatchObject({ code: 'BadRequest' });
    expect(() => (bridged.on as (n: string, l: () => void) => unknown)('vm.start', () => undefined)).toThrow(/unknown event/);
  });

  it('refuses sub-frames, foreign origins and other web contents', async () => {
    const { ipcMain, contents, received, warnings } = setUp();
    const channel = channelOf('library.list');
    const sub: FakeFrame = { url: 'app://hako/index.html', parent: APP_FRAME };
    await expect(contents.ipcRenderer.invokeFrom(sub, channel)).resolves.toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    await expect(contents.ipcRenderer.invokeFrom({ url: 'https://evil.example/', parent: null }, channel)).resolves.toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    const other = new FakeWebContents(ipcMain, APP_FRAME);
    await expect(other.ipcRenderer.invoke(channel)).resolves.toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    expect(received).toEqual([]);
    expect(warnings).toHaveLength(3);
  });

  it('holds events until the renderer is ready, then delivers them in order, payload only', async () => {
    const { api, bridge } = setUp();
    const got: unknown[] = [];
    const stop = api.on('vm.changed', (payload) => got.push(payload));
    api.on('app.showVm', (payload) => got.push(payload));
    bridge.emit('vm.changed', EXAMPLE_EVENTS['vm.changed']);
    bridge.emit('app.showVm', EXAMPLE_EVENTS['app.showVm']);
    bridge.emit('not.an.event', {});
    await settle();
    expect(got).toEqual([]);
    await api.invoke('app.ready');
    await settle();
    expect(got).toEqual([EXAMPLE_EVENTS['vm.changed'], EXAMPLE_EVENTS['app.showVm']]);
    stop();
    stop();
    bridge.emit('vm.changed', EXAMPLE_EVENTS['vm.changed']);
    bridge.emit('app.showVm', { path: 'C:\\b.7b' });
    await settle();
    expect(got.at(-1)).toEqual({ path: 'C:\\b.7b' });
    expect(got).toHaveLength(3);
  });

  it('makes a new renderer say it is ready again, keeping what waited for one that never was', async () => {
    const { ipcMain, bridge, api } = setUp();
    await api.invoke('app.ready');
    // The window is replaced after a renderer crash.
    const next = new FakeWebContents(ipcMain, APP_FRAME);
    bridge.attach(next);
    bridge.emit('app.showVm', { path: 'C:\\a.7b' });
    bridge.renew(); // the new window starts loading its document: the gate was never opened, nothing is lost
    const nextApi = createBridgedApi(next.ipcRenderer as unknown as IpcRendererLike);
    const got: unknown[] = [];
    nextApi.on('app.showVm', (p) => got.push(p));
    await settle();
    expect(got).toEqual([]);
    await nextApi.invoke('app.ready');
    await settle();
    expect(got).toEqual([{ path: 'C:\\a.7b' }]);
    // The old window no longer gets answers.
    await expect(api.invoke('library.list')).rejects.toMatchObject({ code: 'Forbidden' });
  });

  it('removes its handlers on dispose', async () => {
    const { bridge, contents } = setUp();
    bridge.dispose();
    await expect(contents.ipcRenderer.invoke(channelOf('library.list'))).rejects.toThrow(/No handler/);
  });
});
