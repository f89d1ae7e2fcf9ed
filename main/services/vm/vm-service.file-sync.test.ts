// VmService and the VM file while it runs: reload (live changes, restart-needed changes, failed hot changes) and write-back (unwritable files, files NanaBox would rewrite).
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { HRESULT } from '../../../app/errors/hresult.js';
import { memoryRegistry } from '../../../test/support/registry.js';
import { useVmServiceHcnRig } from '../../../test/support/vm-service-hcn-rig.js';
import { ConfigService } from '../config-service.js';

const rig = useVmServiceHcnRig();
const { newService, vmFile, configOf } = rig;

describe('reload', () => {
  it('applies what can change live, reports what needs a restart, and never reverts the file', async () => {
    const vms = newService();
    const file = await vmFile('Mike');
    await vms.open(file);
    await vms.start(file);
    const text = (await readFile(file, 'utf8')).replace('"MemorySize": 2048', '"MemorySize": 4096').replace('"ProcessorCount": 2', '"ProcessorCount": 4');
    await writeFile(file, text);
    const outcomes = await vms.reload(file);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        { path: '/NanaBox/MemorySize', setting: 'Memory', outcome: 'applied' },
        { path: '/NanaBox/ProcessorCount', setting: 'Processors', outcome: 'needs-restart' },
      ]),
    );
    // The log names each setting in words.
    expect(vms.events(file).map((e) => e.message)).toEqual(expect.arrayContaining(['Memory: applied now', 'Processors: waits for a restart']));
    expect((await configOf(file)).ProcessorCount).toBe(4);
    expect(vms.get(file).pendingRestart).toEqual(['/NanaBox/ProcessorCount']);
  });

  it('a failed hot change is reported with its HRESULT', async () => {
    const vms = newService();
    const file = await vmFile('November');
    await vms.open(file);
    await vms.start(file);
    await writeFile(file, (await readFile(file, 'utf8')).replace('"MemorySize": 2048', '"MemorySize": 3072'));
    rig.controls.hcs.injectFault('HcsModifyComputeSystem', HRESULT.E_ACCESSDENIED, false);
    const [outcome] = await vms.reload(file);
    expect(outcome).toMatchObject({ path: '/NanaBox/MemorySize', outcome: 'failed', error: { hresult: HRESULT.E_ACCESSDENIED } });
  });
});

describe('write-back', () => {
  it('when the file cannot be written the VM keeps running and the user is told', async () => {
    const vms = newService(
      memoryRegistry(),
      true,
      new (class extends ConfigService {
        override async writeBack(): Promise<never> {
          throw new Error('disk full');
        }
      })(),
    );
    const file = await vmFile('Oscar');
    await vms.open(file);
    await vms.start(file);
    expect(vms.get(file).state).toBe('Running');
    expect(vms.get(file).lastError?.message).toBe('disk full');
    expect(vms.events(file).some((e) => e.level === 'warning' && e.message.includes('could not be updated'))).toBe(true);
  });

  it('a file holding values NanaBox would replace is left alone rather than rewritten without consent', async () => {
    const vms = newService();
    const file = await vmFile('Papa', '"GuestType":"windows"');
    await vms.open(file);
    const before = await readFile(file);
    await vms.start(file);
    expect(await readFile(file)).toEqual(before);
    expect(vms.events(file).some((e) => e.message.includes('did not update the VM file'))).toBe(true);
  });
});
