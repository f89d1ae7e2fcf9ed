import { describe, expect, it } from 'vitest';
import { channelOf, type CallName } from '../../app/ipc/contract.js';
import { createDispatcher } from '../../app/ipc/dispatch.js';
import { exampleHandlers } from './contract-examples.js';
import { FakeIpcMain, FakeWebContents, registerContract } from './electron-fake.js';

const APP = 'app://hako/index.html';

function setup() {
  const received: { name: CallName; input: unknown }[] = [];
  const ipcMain = new FakeIpcMain();
  const registration = registerContract(ipcMain, {
    dispatch: createDispatcher(exampleHandlers(received)),
    isTrustedSender: (frame) => frame.parent === null && frame.url.startsWith('app://hako/'),
  });
  return { ipcMain, registration, received };
}

describe('Electron IPC fake', () => {
  it('refuses calls from a foreign page or a subframe before anything runs', async () => {
    const { ipcMain, received } = setup();
    const foreign = new FakeWebContents(ipcMain, { url: 'https://evil.example/', parent: null });
    expect(await foreign.ipcRenderer.invoke(channelOf('app.version'))).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    const own = new FakeWebContents(ipcMain, { url: APP, parent: null });
    const subframe = { url: APP, parent: own.mainFrame };
    expect(await own.ipcRenderer.invokeFrom(subframe, channelOf('app.version'))).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    expect(received).toEqual([]);
    expect(await own.ipcRenderer.invoke(channelOf('app.version'))).toMatchObject({ ok: true });
  });

  it('copies arguments and results with structured clone, as Electron does', async () => {
    const { ipcMain, received } = setup();
    const own = new FakeWebContents(ipcMain, { url: APP, parent: null });
    const input = { path: '/vms/demo.7b' };
    await own.ipcRenderer.invoke(channelOf('vm.get'), input);
    expect(received[0]!.input).toEqual(input);
    expect(received[0]!.input).not.toBe(input);
    await expect(own.ipcRenderer.invoke(channelOf('vm.get'), { path: '/vms/demo.7b', f: () => 1 })).rejects.toThrow(/clone/i);
    expect(received).toHaveLength(1);
  });

  it('has one handler per channel, and fails channels without one', async () => {
    const { ipcMain } = setup();
    expect(() => ipcMain.handle(channelOf('app.version'), () => undefined)).toThrow(/second handler/);
    const own = new FakeWebContents(ipcMain, { url: APP, parent: null });
    await expect(own.ipcRenderer.invoke('hako:nope')).rejects.toThrow(/No handler registered/);
    await expect(own.ipcRenderer.invoke(channelOf('vm.changed'))).rejects.toThrow(/No handler registered/);
  });

  it('removes its handlers when disposed', async () => {
    const { ipcMain, registration } = setup();
    registration.dispose();
    const own = new FakeWebContents(ipcMain, { url: APP, parent: null });
    await expect(own.ipcRenderer.invoke(channelOf('app.version'))).rejects.toThrow(/No handler registered/);
  });
});
