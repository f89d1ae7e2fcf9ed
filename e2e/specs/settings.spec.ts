import { smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

test.describe('settings', () => {
  test('edits processors and memory and saves them to the file', async ({ app }) => {
    const vm = await smallVm('E2E Settings');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    await settings.section('General');
    await settings.number('Processors').fill('3');
    await settings.number('Memory').fill('1024');
    await expect(settings.status).toHaveText('Unsaved changes');
    await settings.saveButton.click();
    await settings.expectSaved();
    const text = await vm.read();
    expect(text).toContain('"ProcessorCount": 3');
    expect(text).toContain('"MemorySize": 1024');
    // The overview reflects the file.
    await vmPage.openOverview();
    await expect(vmPage.page.getByRole('region', { name: 'Hardware' })).toContainText('1 GB');
  });

  test('marks an invalid value at its field and blocks saving', async ({ app }) => {
    const vm = await smallVm('E2E Invalid');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    await settings.number('Processors').fill('0');
    await expect(settings.number('Processors')).toHaveAttribute('aria-invalid', 'true');
    await expect(settings.number('Processors')).toHaveAccessibleDescription(/at least 1/);
    await expect(settings.saveButton).toBeDisabled();
    await expect(settings.status).toHaveText(/needs attention/);
  });

  test('edits the storage list: add, reorder, remove', async ({ app }) => {
    const vm = await smallVm('E2E Storage');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    const storage = await settings.section('Storage');
    await storage.getByRole('button', { name: 'Add virtual disk' }).click();
    await settings.text('Device 1 path').fill('system.vhdx');
    await storage.getByRole('button', { name: 'Add DVD drive' }).click();
    await settings.text('Device 2 path').fill('setup.iso');
    await storage.getByRole('button', { name: 'Move device 2 up' }).click();
    await expect(settings.text('Device 1 path')).toHaveValue('setup.iso');
    await expect(settings.select('Device 1 type')).toHaveValue('VirtualImage');
    await settings.saveButton.click();
    await settings.expectSaved();
    const saved = JSON.parse(await vm.read()) as { NanaBox: { ScsiDevices: { Type: string; Path: string }[] } };
    expect(saved.NanaBox.ScsiDevices).toEqual([
      { Type: 'VirtualImage', Path: 'setup.iso' },
      { Type: 'VirtualDisk', Path: 'system.vhdx' },
    ]);
    await storage.getByRole('button', { name: 'Remove device 1' }).click();
    await settings.saveButton.click();
    await settings.expectSaved();
    expect((JSON.parse(await vm.read()) as { NanaBox: { ScsiDevices: unknown[] } }).NanaBox.ScsiDevices).toEqual([{ Type: 'VirtualDisk', Path: 'system.vhdx' }]);
  });

  test('asks for consent before replacing values NanaBox reads differently, then saves', async ({ app }) => {
    // "windows" is not a guest type NanaBox knows (case-sensitive): it reads "Unknown". The unknown key stays.
    const vm = await smallVm('E2E Consent', { GuestType: 'windows', Comment: 'kept by Hako' });
    const vmPage = await app.openVm(vm.path, vm.name);
    await expect(vmPage.findings).toContainText('/NanaBox/GuestType');
    const settings = await vmPage.openSettings();
    await settings.number('Memory').fill('768');
    await settings.saveButton.click();
    await expect(settings.consentDialog).toBeVisible();
    await expect(settings.consentDialog.getByRole('list', { name: 'What saving replaces' })).toContainText('/NanaBox/GuestType');

    // Cancelling writes nothing.
    await settings.consentDialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(settings.consentDialog).toBeHidden();
    expect(await vm.read()).toContain('"windows"');

    await settings.saveButton.click();
    await settings.consentDialog.getByRole('button', { name: 'Save and replace' }).click();
    await expect(settings.consentDialog).toBeHidden();
    await settings.expectSaved();
    const text = await vm.read();
    expect(text).toContain('"GuestType": "Unknown"');
    expect(text).toContain('"MemorySize": 768');
    expect(text).toContain('"Comment": "kept by Hako"');
  });

  test('shows Hako-only and unknown keys read-only under Advanced', async ({ app }) => {
    const vm = await smallVm('E2E Advanced', { Comment: 'kept by Hako' });
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    const advanced = await settings.section('Advanced');
    const table = advanced.getByRole('table', { name: 'Keys NanaBox does not read' });
    await expect(table).toContainText('/NanaBox/Comment');
    await expect(table).toContainText('"kept by Hako"');
    await expect(settings.preview).toContainText('"Comment": "kept by Hako"');
  });
});
