// VmService lifecycle on the stand-ins: start, pause, resume, save, shut down, state from events, refused actions and files; discarding the saved state; settings Hyper-V would refuse.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useVmServiceHcnRig } from '../../../test/support/vm-service-hcn-rig.js';
import { waitFor } from '../../../test/support/wait.js';

const rig = useVmServiceHcnRig();
const { newService, vmFile, configOf } = rig;

describe('VmService lifecycle', () => {
  it('start → pause → resume → save → resume from the save → shut down, with the file written back', async () => {
    const vms = newService();
    const file = await vmFile('Alpha');
    expect((await vms.open(file)).state).toBe('Stopped');

    await vms.start(file);
    expect(vms.get(file).state).toBe('Running');
    const written = await configOf(file);
    expect(written.GuestStateFile).toBe('Alpha.vmgs');
    expect(written.RuntimeStateFile).toBe('Alpha.vmrs');
    expect(written.NetworkAdapters[0]!.EndpointId).toMatch(/^[0-9a-f-]{36}$/);
    expect(written.NetworkAdapters[0]!.MacAddress).toMatch(/^00-15-5D(-[0-9A-F]{2}){3}$/);
    expect(existsSync(path.join(rig.dir, 'Alpha.vmgs'))).toBe(true);

    await vms.pause(file);
    expect(vms.get(file).state).toBe('Paused');
    await vms.resume(file);
    expect(vms.get(file).state).toBe('Running');

    await vms.save(file);
    expect(vms.get(file).state).toBe('Saved');
    expect((await configOf(file)).SaveStateFile).toBe('Alpha.SaveState.vmrs');
    expect(existsSync(path.join(rig.dir, 'Alpha.SaveState.vmrs'))).toBe(true);
    expect(rig.controls.hcs.computeSystemCount()).toBe(0);

    await vms.start(file);
    expect(vms.get(file).state).toBe('Running');
    expect((await configOf(file)).SaveStateFile).toBe('');
    expect(existsSync(path.join(rig.dir, 'Alpha.SaveState.vmrs'))).toBe(false);
    // The endpoint is re-created with the MAC the file recorded, so the guest keeps its NIC.
    expect((await configOf(file)).NetworkAdapters[0]!.MacAddress).toBe(written.NetworkAdapters[0]!.MacAddress);

    expect(await vms.shutdown(file)).toEqual({ stopped: true });
    expect(vms.get(file).state).toBe('Stopped');
    expect(vms.events(file).map((e) => e.message)).toContain('Started');
  });

  it('a file NanaBox refuses cannot start, and its snapshot keeps the reasons (a missing BOM)', async () => {
    const vms = newService();
    const file = await vmFile('NoBom');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
    const snapshot = await vms.open(file);
    expect(snapshot.config).toBeNull();
    expect(snapshot.actions).not.toContain('start');
    expect(snapshot.lastError?.code).toBe('ConfigRefused');
    expect(snapshot.findings).toEqual([expect.objectContaining({ severity: 'error', code: 'file.bom-missing' })]);
    // Mended, the file reads again and loses its reasons.
    await writeFile(file, '\uFEFF' + (await readFile(file, 'utf8')));
    const mended = await vms.open(file);
    expect(mended.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(mended.lastError).toBeNull();
    expect(mended.actions).toContain('start');
  });

  it('takes state from events: a guest power-off stops the VM, a crash puts it in Error', async () => {
    const vms = newService();
    const a = await vmFile('Bravo');
    const b = await vmFile('Charlie');
    await vms.open(a);
    await vms.open(b);
    await vms.start(a);
    await vms.start(b);
    expect(rig.controls.hcs.guestPowerOff('Bravo', false)).toBe(0);
    expect(rig.controls.hcs.guestPowerOff('Charlie', true)).toBe(0);
    await waitFor(() => vms.get(a).state === 'Stopped' && vms.get(b).state === 'Error', 3000, 'exit events');
    expect(vms.get(b).lastError?.code).toBe('HCS_E_UNEXPECTED_EXIT');
  });

  it('a shutdown the guest does not finish in time leaves the VM running and says so', async () => {
    rig.controls.hcs.setShutdownDelay(5000);
    const vms = newService();
    const file = await vmFile('Delta');
    await vms.open(file);
    await vms.start(file);
    expect(await vms.shutdown(file)).toEqual({ stopped: false, reason: 'timeout' });
    expect(vms.get(file).state).toBe('Running');
  });

  it('refuses actions the state does not allow', async () => {
    const vms = newService();
    const file = await vmFile('Echo');
    await vms.open(file);
    await expect(vms.pause(file)).rejects.toThrow('Cannot pause a VM that is stopped.');
  });
});

describe('discarding the saved state', () => {
  it('removes the save file and the .7b’s mention of it, and the VM boots afresh', async () => {
    const vms = newService();
    const file = await vmFile('Mike');
    await vms.open(file);
    await vms.start(file);
    await vms.save(file);
    const saveName = (await configOf(file)).SaveStateFile;
    expect(vms.get(file).state).toBe('Saved');
    expect(existsSync(path.join(rig.dir, saveName))).toBe(true);
    await vms.discardSavedState(file);
    expect((await configOf(file)).SaveStateFile).toBe('');
    expect(existsSync(path.join(rig.dir, saveName))).toBe(false);
    expect(vms.get(file).state).toBe('Stopped');
    await vms.start(file);
    expect(vms.get(file).state).toBe('Running');
    await expect(vms.discardSavedState(file)).rejects.toMatchObject({ code: 'VmRunning' });
    await vms.powerOff(file);
  });

  it('is the way out of a .7b that names a missing save file (NanaBox’s example does)', async () => {
    const vms = newService();
    const file = await vmFile('November', '"SaveStateFile": "gone.vmrs"');
    await vms.open(file);
    await expect(vms.start(file)).rejects.toMatchObject({ code: 'SaveStateMissing' });
    await vms.discardSavedState(file);
    // Nothing failed any more: the VM is simply stopped, without the failed start's error.
    expect(vms.get(file)).toMatchObject({ state: 'Stopped', lastError: null });
    await vms.start(file);
    expect(vms.get(file).state).toBe('Running');
    await vms.powerOff(file);
  });
});

describe('settings Hyper-V would refuse', () => {
  it('stop Start before Hyper-V is asked, naming the setting', async () => {
    const vms = newService();
    const file = await vmFile('Oscar', '"ComPorts": {"ComPort1": "not a pipe"}');
    await vms.open(file);
    expect(vms.get(file).findings.map((f) => f.code)).toContain('comport.not-pipe');
    await expect(vms.start(file)).rejects.toMatchObject({ code: 'StartBlocked', path: '/NanaBox/ComPorts/ComPort1', message: expect.stringContaining('is not a named pipe') as string, params: { finding: 'comport.not-pipe' } });
    expect(vms.get(file).state).toBe('Stopped');
    expect(rig.controls.hcs.computeSystemCount()).toBe(0);
  });
});
