// SessionService wired into createAppServices: session.connect/disconnect through the dispatcher, and NoRdpClient when no client is configured or installed.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { basicSessionPipe } from '../../../app/compute/document.js';
import { type Envelope } from '../../../app/ipc/contract.js';
import { createAppServices } from '../../app-services.js';
import { FAKE_CLIENT, useSessionServiceRig } from '../../../test/support/session-service-rig.js';
import { waitFor } from '../../../test/support/wait.js';

const rig = useSessionServiceRig();
const { cleanups, fakeRdpServer } = rig;

describe('wiring (createAppServices)', () => {
  /** Sets environment variables for the duration of one test. */
  const withEnv = (vars: Record<string, string | undefined>) => {
    const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
    const apply = (values: Record<string, string | undefined>) => {
      for (const [key, value] of Object.entries(values)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    };
    apply(vars);
    cleanups.push(() => apply(saved));
  };

  async function appWithVm(name: string) {
    const app = await createAppServices({ dataDir: path.join(rig.dir, 'data') });
    cleanups.push(async () => {
      for (const vm of app.vms.list()) if (vm.actions.includes('powerOff')) await app.vms.powerOff(vm.path).catch(() => undefined);
      await app.dispose();
    });
    const file = path.join(rig.dir, `${name}.7b`);
    await writeFile(file, '\uFEFF' + JSON.stringify({ NanaBox: { Type: 'VirtualMachine', Version: 1, Name: name, GuestType: 'Linux', ProcessorCount: 1, MemorySize: 512 } }));
    const server = await fakeRdpServer('basic');
    rig.controls.hcs.setSessionTarget(basicSessionPipe(name), '127.0.0.1', server.port);
    const call = async (callName: string, input: unknown) => (await app.dispatch(callName, input)) as Envelope<unknown>;
    expect(await call('library.open', { path: file })).toMatchObject({ ok: true });
    expect(await call('vm.start', { path: file })).toMatchObject({ ok: true });
    return { app, file, server, call };
  }

  it('session.connect and session.disconnect go to the SessionService when the shell has no hooks', async () => {
    withEnv({ HAKO_RDP_CLIENT: `"${process.execPath}" "${FAKE_CLIENT}" {port} {file}`, FAKE_CLIENT_MODE: 'stay' });
    const { app, file, server, call } = await appWithVm('SesW');

    expect(await call('session.connect', { path: file, mode: 'basic' })).toEqual({ ok: true, value: undefined });
    await waitFor(() => server.received === 'HELLO-FROM-CLIENT\n', 5000, 'the client to reach the RDP server');
    expect(app.sessions.get(file)).toMatchObject({ mode: 'basic', bridged: true });

    expect(await call('session.disconnect', { path: file })).toEqual({ ok: true, value: undefined });
    expect(app.sessions.list()).toEqual([]);
    await waitFor(() => server.open === 0, 5000, 'the RDP server connection to close');
  });

  it('with no client configured or installed off Windows, session.connect answers NoRdpClient', async () => {
    withEnv({ HAKO_RDP_CLIENT: undefined, PATH: '' });
    const { file, server, call } = await appWithVm('SesX');
    expect(await call('session.connect', { path: file, mode: 'basic' })).toMatchObject({ ok: false, error: { code: 'NoRdpClient' } });
    expect(server.connections).toBe(0);
  });
});
