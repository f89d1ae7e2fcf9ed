// IPC handlers of the other areas: session mode, console tickets, diagnostics, disk creation, preferences, shell-only calls and Browse.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppServices } from '../app-services.js';
import { setNativeCallTimeout } from '../native/index.js';
import { useHandlersRig } from '../../test/support/handlers-rig.js';
import { standInControls } from '../../test/support/native/stand-in-controls.js';
import { waitFor } from '../../test/support/wait.js';

const rig = useHandlersRig();
const { call, value, vmFile, events } = rig;

describe('other areas', () => {
  it('remembers the session mode per VM', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    expect(await value('session.getMode', { path: file })).toBe('basic');
    await value('session.setMode', { path: file, mode: 'enhanced' });
    expect(await value('session.getMode', { path: file })).toBe('enhanced');
  });

  it('console tickets need a running VM and a console endpoint; the browser host keeps no credentials', async () => {
    const file = await vmFile();
    await value('library.open', { path: file });
    expect(await call('session.consoleTicket', { path: file, mode: 'basic' })).toMatchObject({ ok: false, error: { code: 'NotSupported' } });
    rig.app.screen.setEndpoint('ws://127.0.0.1:9/console');
    expect(await call('session.consoleTicket', { path: file, mode: 'basic' })).toMatchObject({ ok: false, error: { code: 'VmNotRunning' } });
    await value('vm.start', { path: file });
    const ticket = await value<{ ticketId: string; proxyUrl: string }>('session.consoleTicket', { path: file, mode: 'basic' });
    expect(ticket.proxyUrl).toBe('ws://127.0.0.1:9/console');
    expect(await value('session.consoleResult', { ticketId: ticket.ticketId })).toEqual({ state: 'waiting' });
    expect(await value('session.consoleResult', { ticketId: '0000000000000000' })).toBeNull();
    expect(await call('session.consoleTicket', { path: path.join(rig.dir, 'other.7b'), mode: 'basic' })).toMatchObject({ ok: false, error: { code: 'VmUnknown' } });

    expect(await value('session.credentials', { path: file })).toEqual({ canRemember: false, remembered: null });
    expect(await call('session.rememberCredentials', { path: file, credentials: { username: 'a', domain: '', password: 'b' } })).toMatchObject({ ok: false, error: { code: 'CredentialsUnavailable' } });
    expect(await call('session.rememberCredentials', { path: file, credentials: { username: '', domain: '', password: 'b' } })).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
  });

  it('diagnostics describe the stand-in host', async () => {
    expect(await value('diagnostics.get')).toMatchObject({ hcsReachable: true, standIn: true, build: 26100, optionalExports: { crash: true } });
  });

  it('diagnostics say where each library came from, and name a stalled call while it stalls (with an event)', async () => {
    const diagnostics = await value<{ nativeLibraries: { name: string; state: string; path: string }[]; stalledCalls: unknown[]; installWarning: unknown; safeDllSearch: unknown }>('diagnostics.get');
    expect(diagnostics.nativeLibraries.map((l) => `${l.name}:${l.state}`)).toEqual(expect.arrayContaining(['computecore.dll:loaded', 'computenetwork.dll:loaded', 'virtdisk.dll:loaded']));
    expect(diagnostics).toMatchObject({ stalledCalls: [], installWarning: null, safeDllSearch: null });
    setNativeCallTimeout(100);
    try {
      standInControls().hcn.stall('HcnEnumerateNetworks', 700);
      const listing = value('networks.list');
      await waitFor(() => events.some((e) => e.name === 'native.stalled' && (e.payload as { calls: unknown[] }).calls.length > 0), 3000, 'a native.stalled event');
      const during = await value<{ stalledCalls: { api: string; operation: string; running: boolean }[] }>('diagnostics.get');
      expect(during.stalledCalls).toEqual([expect.objectContaining({ api: 'HCN', operation: 'HcnEnumerateNetworks', running: true })]);
      await listing;
      await waitFor(() => (events.filter((e) => e.name === 'native.stalled').at(-1)?.payload as { calls: unknown[] }).calls.length === 0, 3000, 'the all-clear');
      expect((await value<{ stalledCalls: unknown[] }>('diagnostics.get')).stalledCalls).toEqual([]);
    } finally {
      setNativeCallTimeout(0);
    }
  });

  it('a disk is created in the background with progress events and a final done event', async () => {
    const disk = path.join(rig.dir, 'disk.vhdx');
    const { operationId } = await value<{ operationId: string }>('disks.create', { path: disk, sizeBytes: 64 * 1024 * 1024, fixed: false });
    await waitFor(() => events.some((e) => e.name === 'operations.progress' && (e.payload as { done: boolean }).done), 10_000, 'disk done');
    const done = events.find((e) => e.name === 'operations.progress' && (e.payload as { done: boolean }).done)!.payload;
    expect(done).toMatchObject({ operationId, done: true });
    expect(done).not.toHaveProperty('error');
    expect(await value('disks.info', { path: disk })).toMatchObject({ format: 'vhdx', virtualSize: 64 * 1024 * 1024 });
  });

  it('preferences persist and announce themselves', async () => {
    expect(await value('app.setPreferences', { theme: 'dark' })).toMatchObject({ theme: 'dark' });
    expect(events.some((e) => e.name === 'app.preferencesChanged')).toBe(true);
    expect(await call('app.setPreferences', { theme: 'neon' })).toMatchObject({ ok: false, error: { code: 'BadRequest' } });
  });

  it('shell-only calls say they are not available in the browser host', async () => {
    expect(await call('library.openDialog')).toMatchObject({ ok: false, error: { code: 'NotSupported' } });
    // The wizard keeps the typed path when Browse has no dialog behind it.
    expect(await call('app.pickPath', { kind: 'iso' })).toMatchObject({ ok: false, error: { code: 'NotSupported', message: expect.stringContaining('enter the path') as string } });
    expect(await call('app.pickPath', { kind: 'exe' })).toMatchObject({ ok: false, error: { code: 'BadRequest', path: '/kind' } });
  });

  it('Browse answers with what the shell’s dialog chose, or null when the user cancelled', async () => {
    await rig.app.dispose();
    const asked: string[] = [];
    rig.app = await createAppServices({
      dataDir: path.join(rig.dir, 'data'),
      shell: {
        transport: 'electron',
        pickPath: async (kind) => {
          asked.push(kind);
          return kind === 'folder' ? null : path.join(rig.dir, 'win11.iso');
        },
      },
    });
    expect(await value('app.pickPath', { kind: 'iso' })).toBe(path.join(rig.dir, 'win11.iso'));
    expect(await value('app.pickPath', { kind: 'folder' })).toBeNull();
    expect(asked).toEqual(['iso', 'folder']);
  });
});
