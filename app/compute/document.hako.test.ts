// buildComputeSystemDocument's Hako additions: Secure Boot template, owner, handle policy, shutdown IC, POSIX paths, refusals.
import { describe, expect, it } from 'vitest';
import { host, SID, vmConfig } from '../../test/support/compute-document-rig.js';
import { buildComputeSystemDocument, DocumentError, withStateFileDefaults } from './document.js';

describe('buildComputeSystemDocument: Hako additions', () => {
  it('uses the Microsoft UEFI CA template when chosen', () => {
    const config = vmConfig({ SecureBoot: true, Hako: { SecureBootTemplate: 'MicrosoftUEFICertificateAuthority' } });
    expect(buildComputeSystemDocument(config, host()).VirtualMachine.Chipset.Uefi).toStrictEqual({
      ApplySecureBootTemplate: 'Apply',
      Console: 'Disabled',
      SecureBootTemplateId: '272e7447-90a4-4563-a4b9-8e4ab00526ce',
    });
  });

  it('sends no template without SecureBoot, whatever the choice', () => {
    const config = vmConfig({ Hako: { SecureBootTemplate: 'MicrosoftUEFICertificateAuthority' } });
    expect(buildComputeSystemDocument(config, host()).VirtualMachine.Chipset.Uefi).toStrictEqual({
      Console: 'Disabled',
    });
  });

  it('takes the owner and the handle policy from the options', () => {
    const document = buildComputeSystemDocument(vmConfig(), host(), {
      owner: `Hako/${SID}`,
      terminateOnLastHandleClosed: false,
    });
    expect(document.Owner).toBe(`Hako/${SID}`);
    expect(document.ShouldTerminateOnLastHandleClosed).toBe(false);
  });

  it('names the shutdown integration component when asked, on builds whose schema has Services (2.5, 20348)', () => {
    expect(buildComputeSystemDocument(vmConfig(), host({ build: 26100 }), { shutdownService: true }).VirtualMachine.Services).toStrictEqual({ Shutdown: {} });
    expect(buildComputeSystemDocument(vmConfig(), host({ build: 20348 }), { shutdownService: true }).VirtualMachine.Services).toStrictEqual({ Shutdown: {} });
    expect(buildComputeSystemDocument(vmConfig(), host({ build: 19045 }), { shutdownService: true }).VirtualMachine).not.toHaveProperty('Services');
    // NanaBox's document (the CLI's default) has none.
    expect(buildComputeSystemDocument(vmConfig(), host({ build: 26100 })).VirtualMachine).not.toHaveProperty('Services');
    const text = JSON.stringify(buildComputeSystemDocument(vmConfig({ Tpm: true }), host({ build: 26100 }), { shutdownService: true }).VirtualMachine);
    expect(text.indexOf('"SecuritySettings"')).toBeLessThan(text.indexOf('"Services"'));
  });

  it('resolves paths with POSIX rules for a POSIX folder', () => {
    const config = withStateFileDefaults(
      vmConfig({
        ScsiDevices: [{ Type: 'VirtualDisk', Path: 'disks/MyVM.vhdx' }],
        Plan9Shares: [{ ReadOnly: false, Port: 50001, Path: '../shared/', Name: 'shared' }],
        SaveStateFile: 'MyVM.SaveState.vmrs',
      }),
    );
    const vm = buildComputeSystemDocument(config, host({ vmFolder: '/srv/vms/MyVM' })).VirtualMachine;
    const disk = vm.Devices.Scsi?.['NanaBox Scsi Controller']?.Attachments['0'];
    expect(disk?.Path).toBe('/srv/vms/MyVM/disks/MyVM.vhdx');
    expect(vm.Devices.Plan9?.Shares[0]?.Path).toBe('/srv/vms/shared/');
    expect(vm.GuestState).toStrictEqual({
      GuestStateFilePath: '/srv/vms/MyVM/MyVM.vmgs',
      RuntimeStateFilePath: '/srv/vms/MyVM/MyVM.vmrs',
    });
    expect(vm.RestoreState).toStrictEqual({ SaveStateFilePath: '/srv/vms/MyVM/MyVM.SaveState.vmrs' });
  });

  it('refuses a Plan 9 share without a port', () => {
    const config = vmConfig({
      Plan9Shares: [
        { ReadOnly: false, Port: 50001, Path: 'a', Name: 'a' },
        { ReadOnly: false, Port: null, Path: 'b', Name: 'b' },
      ],
    });
    let caught: unknown;
    try {
      buildComputeSystemDocument(config, host());
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DocumentError);
    expect(caught).toMatchObject({
      name: 'DocumentError',
      code: 'Plan9PortMissing',
      path: '/NanaBox/Plan9Shares/1/Port',
    });
  });
});
