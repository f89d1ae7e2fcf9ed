// SessionService failures: a VM not running, missing or hung-up pipes, clients that exit, cannot start or never connect, no client, settings it cannot write.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { basicSessionPipe, enhancedSessionPipe } from '../../../app/compute/document.js';
import { useSessionServiceRig } from '../../../test/support/session-service-rig.js';
import { waitFor } from '../../../test/support/wait.js';
import { commandClient, rdpClientLauncher } from './client-launcher.js';

const rig = useSessionServiceRig();
const { runningVm, fakeClients, newSessions, rejection, sessionFolders } = rig;

describe('SessionService failures', () => {
  it('refuses a VM that is not running, before anything starts', async () => {
    const clients = fakeClients('echo');
    const { sessions } = newSessions(undefined, clients.launch);
    for (const state of ['Stopped', 'Starting', 'Saved', 'Stopping', 'Error'] as const) {
      const error = await rejection(sessions.connect({ path: path.join(rig.dir, 'x.7b'), id: 'x', state, config: null }, 'basic'));
      expect(error.code).toBe('VmNotRunning');
    }
    expect(clients.started).toEqual([]);
  });

  it('a missing pipe is SessionUnavailable naming the pipe; no client starts, nothing is left', async () => {
    const clients = fakeClients('echo');
    const { sessions } = newSessions(undefined, clients.launch);
    const vm = { path: path.join(rig.dir, 'ghost.7b'), id: 'Ghost', state: 'Running' as const, config: null };

    const basic = await rejection(sessions.connect(vm, 'basic'));
    expect(basic.code).toBe('SessionUnavailable');
    expect(basic.message).toContain(basicSessionPipe('Ghost'));
    expect(basic.params).toMatchObject({ pipe: basicSessionPipe('Ghost'), mode: 'basic', errno: 'ENOENT' });

    const enhanced = await rejection(sessions.connect(vm, 'enhanced'));
    expect(enhanced.message).toContain(enhancedSessionPipe('Ghost'));
    expect(enhanced.advice).toMatch(/basic session/);

    expect(clients.started).toEqual([]);
    expect(sessions.list()).toEqual([]);
    expect(await sessionFolders()).toEqual([]);
  });

  it('a pipe whose VM side hangs up at once is SessionUnavailable', async () => {
    const { vms, file, basic } = await runningVm('SesJ');
    rig.controls.hcs.setSessionTarget(basicSessionPipe('SesJ'), '127.0.0.1', 0); // no target: the stand-in hangs up
    const clients = fakeClients('never');
    const { sessions } = newSessions(vms, clients.launch, { connectTimeoutMs: 5000 });

    const error = await rejection(sessions.connect(vms.get(file), 'basic'));
    expect(error.code).toBe('SessionUnavailable');
    expect(basic.connections).toBe(0);
    expect(sessions.list()).toEqual([]);
    for (const client of clients.started) expect((await client.exited).signal).toBe('SIGTERM');
    expect(await sessionFolders()).toEqual([]);
  });

  it('a client that exits before it connects is ClientFailed, with its output', async () => {
    const { vms, file, basic } = await runningVm('SesK');
    const clients = fakeClients('fail');
    const { sessions, ended } = newSessions(vms, clients.launch);

    const error = await rejection(sessions.connect(vms.get(file), 'basic'));
    expect(error.code).toBe('ClientFailed');
    expect(error.message).toMatch(/exited with code 3/);
    expect(error.message).toMatch(/cannot open the display/);
    expect(sessions.list()).toEqual([]);
    expect(ended).toHaveLength(1);
    expect(await sessionFolders()).toEqual([]);
    // The pipe connection Hako had opened is closed again.
    await waitFor(() => basic.open === 0, 5000, 'the RDP server connection to close');
  });

  it('a client that cannot be started is ClientFailed', async () => {
    const { vms, file } = await runningVm('SesL');
    const { sessions } = newSessions(vms, commandClient('/nonexistent/rdp-client {port}'));
    const error = await rejection(sessions.connect(vms.get(file), 'basic'));
    expect(error.code).toBe('ClientFailed');
    expect(error.message).toMatch(/ENOENT/);
    expect(sessions.list()).toEqual([]);
  });

  it('a client that never connects is killed after the timeout (ClientFailed)', async () => {
    const { vms, file } = await runningVm('SesM');
    const clients = fakeClients('never');
    const { sessions } = newSessions(vms, clients.launch, { connectTimeoutMs: 300 });

    const error = await rejection(sessions.connect(vms.get(file), 'basic'));
    expect(error.code).toBe('ClientFailed');
    expect(error.params).toMatchObject({ reason: 'timeout' });
    expect((await clients.started[0]!.exited).signal).toBe('SIGTERM');
    expect(await sessionFolders()).toEqual([]);
  });

  it('without a client it fails with NoRdpClient and advice, before touching the pipe', async () => {
    const { vms, file, basic } = await runningVm('SesN');
    const { sessions } = newSessions(vms, rdpClientLauncher('', 'linux', {}));
    const error = await rejection(sessions.connect(vms.get(file), 'basic'));
    expect(error.code).toBe('NoRdpClient');
    expect(error.advice).toMatch(/HAKO_RDP_CLIENT/);
    expect(basic.connections).toBe(0);
  });

  it('refuses settings it cannot write, before touching the pipe', async () => {
    const { vms, file, enhanced } = await runningVm('SesO');
    const clients = fakeClients('echo');
    const { sessions } = newSessions(vms, clients.launch);
    const vm = vms.get(file);
    const config = { ...vm.config!, EnhancedSession: { ...vm.config!.EnhancedSession, Devices: ['USB\\1\r\nalternate shell:s:cmd'] } };
    const error = await rejection(sessions.connect({ ...vm, config }, 'enhanced'));
    expect(error.code).toBe('InvalidRdpSetting');
    expect(enhanced.connections).toBe(0);
    expect(clients.started).toEqual([]);
  });
});
