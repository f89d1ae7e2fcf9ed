// SessionService over the stand-in: the basic and enhanced session bridged from the client through the pipe to the RDP server, one-shot listeners, disconnect, VM stop, reconnects and races, dispose, the HAKO_RDP_CLIENT command.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { basicSessionPipe, enhancedSessionPipe } from '../../../app/compute/document.js';
import { FAKE_CLIENT, useSessionServiceRig } from '../../../test/support/session-service-rig.js';
import { waitFor } from '../../../test/support/wait.js';
import { rdpClientLauncher } from './client-launcher.js';

const rig = useSessionServiceRig();
const { runningVm, fakeClients, newSessions, sessionFolders } = rig;

describe('SessionService over the stand-in', () => {
  it('bridges the basic session: bytes flow client → pipe → stand-in → RDP server and back', async () => {
    const { vms, file, basic, enhanced } = await runningVm('SesA');
    const clients = fakeClients('echo');
    const { sessions, ended } = newSessions(vms, clients.launch);

    const info = await sessions.connect(vms.get(file), 'basic');
    expect(info).toMatchObject({ vmPath: file, mode: 'basic', pipe: basicSessionPipe('SesA'), bridged: true });
    expect(info.port).toBeGreaterThan(0);
    expect(info.clientPid).toBe(clients.started[0]!.process.pid);

    const report = await clients.started[0]!.report();
    expect(report.bom).toBe(true);
    expect(report.fullAddress).toBe(`full address:s:127.0.0.1:${info.port}`);
    expect(report.audiomode).toBe('audiomode:i:2'); // basic: no redirection
    expect(report.received).toBe('FAKE-RDP basic\nHELLO-FROM-CLIENT\n');
    expect(basic.received).toBe('HELLO-FROM-CLIENT\n');
    expect(enhanced.connections).toBe(0);

    // The client leaves, so the session ends and its folder goes.
    expect(await clients.started[0]!.exited).toEqual({ code: 0, signal: null });
    await waitFor(() => sessions.get(file) === null, 5000, 'the session to end');
    expect(ended).toEqual([
      expect.objectContaining({ vmPath: file, mode: 'basic', reason: 'client-exited', clientExitCode: 0, bytesToVm: 18, bytesFromVm: 33 }),
    ]);
    expect(await sessionFolders()).toEqual([]);
    await waitFor(() => basic.open === 0, 5000, 'the RDP server connection to close');
  });

  it('the enhanced session uses the enhanced pipe and the VM redirection settings', async () => {
    const { vms, file, basic, enhanced } = await runningVm('SesB');
    const clients = fakeClients('echo');
    const { sessions } = newSessions(vms, clients.launch);

    const info = await sessions.connect(vms.get(file), 'enhanced');
    expect(info.pipe).toBe(enhancedSessionPipe('SesB'));
    const report = await clients.started[0]!.report();
    expect(report.received).toBe('FAKE-RDP enhanced\nHELLO-FROM-CLIENT\n');
    expect(report.audiomode).toBe('audiomode:i:0'); // RedirectAudio defaults to true
    expect(enhanced.received).toBe('HELLO-FROM-CLIENT\n');
    expect(basic.connections).toBe(0);
  });

  it('the one-shot listener refuses a second connection', async () => {
    const { vms, file, basic } = await runningVm('SesC');
    const clients = fakeClients('stay');
    const { sessions } = newSessions(vms, clients.launch);

    const info = await sessions.connect(vms.get(file), 'basic');
    // The client's own second attempt…
    expect((await clients.started[0]!.report()).second).toBe('ECONNREFUSED');
    // …and one from anyone else.
    const code = await new Promise((resolve) => {
      const socket = net.connect({ host: '127.0.0.1', port: info.port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
    });
    expect(code).toBe('ECONNREFUSED');
    expect(basic.connections).toBe(1);
    expect(sessions.get(file)?.bridged).toBe(true);
  });

  it('disconnect kills the client and closes the bridge, the pipe connection and the folder', async () => {
    const { vms, file, basic } = await runningVm('SesD');
    const clients = fakeClients('stay');
    const { sessions, ended } = newSessions(vms, clients.launch);

    await sessions.connect(vms.get(file), 'basic');
    await clients.started[0]!.report();
    expect(await sessionFolders()).toHaveLength(1);
    expect(basic.open).toBe(1);

    await sessions.disconnect(file);
    expect(await clients.started[0]!.exited).toEqual({ code: null, signal: 'SIGTERM' });
    expect(sessions.get(file)).toBeNull();
    expect(sessions.list()).toEqual([]);
    expect(ended.map((e) => e.reason)).toEqual(['disconnected']);
    expect(await sessionFolders()).toEqual([]);
    await waitFor(() => basic.open === 0, 5000, 'the RDP server connection to close');
    expect(vms.get(file).state).toBe('Running');
    // Disconnecting again is harmless.
    await sessions.disconnect(file);
  });

  it('stopping the VM ends its session and kills the client', async () => {
    const { vms, file, basic } = await runningVm('SesE');
    const clients = fakeClients('stay');
    const { sessions, ended } = newSessions(vms, clients.launch);

    await sessions.connect(vms.get(file), 'basic');
    await clients.started[0]!.report();
    await vms.powerOff(file);

    expect((await clients.started[0]!.exited).signal).toBe('SIGTERM');
    await waitFor(() => sessions.get(file) === null, 5000, 'the session to end');
    expect(ended.map((e) => e.reason)).toEqual(['vm-stopped']);
    await waitFor(() => basic.open === 0, 5000, 'the RDP server connection to close');
    expect(await sessionFolders()).toEqual([]);
  });

  it('connecting again replaces the session', async () => {
    const { vms, file, basic, enhanced } = await runningVm('SesF');
    const clients = fakeClients('stay');
    const { sessions, ended } = newSessions(vms, clients.launch);

    await sessions.connect(vms.get(file), 'basic');
    await clients.started[0]!.report();
    const second = await sessions.connect(vms.get(file), 'enhanced');

    expect((await clients.started[0]!.exited).signal).toBe('SIGTERM');
    expect((await clients.started[1]!.report()).received).toBe('FAKE-RDP enhanced\nHELLO-FROM-CLIENT\n');
    expect(sessions.list()).toEqual([second]);
    expect(ended.map((e) => e.reason)).toEqual(['replaced']);
    await waitFor(() => basic.open === 0 && enhanced.open === 1, 5000, 'only the enhanced connection to stay');
    expect(await sessionFolders()).toHaveLength(1);
  });

  it('of two connects racing for one VM, the later wins and the earlier fails with SessionEnded', async () => {
    const { vms, file, basic, enhanced } = await runningVm('SesP');
    const clients = fakeClients('stay');
    const { sessions } = newSessions(vms, clients.launch);

    const [first, second] = await Promise.allSettled([sessions.connect(vms.get(file), 'basic'), sessions.connect(vms.get(file), 'enhanced')]);
    expect(first).toMatchObject({ status: 'rejected', reason: { code: 'SessionEnded' } });
    expect(second).toMatchObject({ status: 'fulfilled', value: { mode: 'enhanced', bridged: true } });
    expect(sessions.list()).toHaveLength(1);
    await clients.started.at(-1)!.report();
    for (const client of clients.started.slice(0, -1)) await client.exited;
    await waitFor(() => basic.open === 0 && enhanced.open === 1, 5000, 'only the enhanced connection to stay');
    expect(await sessionFolders()).toHaveLength(1);
  });

  it('dispose ends every session', async () => {
    const one = await runningVm('SesG');
    const two = await runningVm('SesH');
    const clients = fakeClients('stay');
    const { sessions, ended } = newSessions(undefined, clients.launch);

    await sessions.connect(one.vms.get(one.file), 'basic');
    await sessions.connect(two.vms.get(two.file), 'enhanced');
    await Promise.all(clients.started.map((c) => c.report()));
    await sessions.dispose();

    for (const client of clients.started) expect((await client.exited).signal).toBe('SIGTERM');
    expect(ended.map((e) => e.reason)).toEqual(['disposed', 'disposed']);
    expect(await sessionFolders()).toEqual([]);
    await expect(sessions.connect(one.vms.get(one.file), 'basic')).rejects.toMatchObject({ code: 'SessionEnded' });
  });

  it('runs the HAKO_RDP_CLIENT command with {port} and {file}', async () => {
    const { vms, file, basic } = await runningVm('SesI');
    const template = `"${process.execPath}" "${FAKE_CLIENT}" {port} {file}`;
    const launcher = rdpClientLauncher('', 'linux', { HAKO_RDP_CLIENT: template });
    expect(launcher).not.toBeNull();
    const clients = fakeClients('echo', launcher);
    const { sessions } = newSessions(vms, clients.launch);

    await sessions.connect(vms.get(file), 'basic');
    expect((await clients.started[0]!.report()).received).toBe('FAKE-RDP basic\nHELLO-FROM-CLIENT\n');
    expect(basic.received).toBe('HELLO-FROM-CLIENT\n');
  });
});
