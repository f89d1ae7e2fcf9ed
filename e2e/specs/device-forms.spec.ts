import { smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

const configOf = (text: string) => (JSON.parse(text) as { NanaBox: Record<string, unknown> }).NanaBox;

test.describe('the rest of the format in forms', () => {
  test('a developer shares a folder with a Linux guest over Plan 9, and is told shares stop saving the VM', async ({ app }) => {
    const vm = await smallVm('E2E Plan9');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    const shares = await settings.section('Shared folders');
    await expect(shares.getByRole('region', { name: 'Shares stop the VM from being saved' })).toHaveCount(0);
    await shares.getByRole('button', { name: 'Add Plan 9 share' }).click();
    await expect(shares.getByRole('region', { name: 'Shares stop the VM from being saved' })).toBeVisible();
    // Nothing filled in yet: the folder and name are asked for, so NanaBox never drops the share.
    await expect(settings.text('Plan 9 share 1 folder')).toHaveAccessibleDescription(/Enter the folder to share/);
    await expect(settings.saveButton).toBeDisabled();
    await settings.text('Plan 9 share 1 folder').fill('src');
    await settings.text('Plan 9 share 1 name').fill('code');
    await expect(settings.number('Plan 9 share 1 port')).toHaveValue('50001');
    await settings.number('Plan 9 share 1 port').fill('50010');
    await shares.getByRole('checkbox', { name: 'Plan 9 share 1 read-only' }).check();
    await shares.getByRole('button', { name: 'Add SMB share' }).click();
    await settings.text('SMB share 1 folder').fill('C:\\Users\\me\\Documents');
    await settings.text('SMB share 1 name').fill('docs');
    await settings.saveButton.click();
    await settings.expectSaved();
    const saved = configOf(await vm.read());
    expect(saved.Plan9Shares).toEqual([{ ReadOnly: true, Port: 50010, Path: 'src', Name: 'code' }]);
    expect(saved.VirtualSmbShares).toEqual([{ Path: 'C:\\Users\\me\\Documents', Name: 'docs' }]);
  });

  test('an admin sets the SMBIOS identity and a hotkey by pressing it', async ({ app, page }) => {
    const vm = await smallVm('E2E Identity');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    const identity = await settings.section('Hardware identity');
    await settings.text('System serial number').fill('LAB-0042');
    await settings.text('Chassis asset tag').fill('Asset 7');
    await settings.text('Manufacturer').fill('Contoso');
    await settings.text('System UUID').fill('not a guid');
    await expect(settings.text('System UUID')).toHaveAttribute('aria-invalid', 'true');
    await identity.getByRole('button', { name: 'Generate a system UUID' }).click();
    await expect(settings.text('System UUID')).toHaveValue(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const keyboard = await settings.section('Keyboard');
    const fullScreen = keyboard.getByRole('button', { name: /^Toggle full screen / });
    await expect(fullScreen).toHaveText('Ctrl + Alt + Break');
    await fullScreen.click();
    await expect(fullScreen).toHaveText(/press a key/);
    await page.keyboard.press('F11');
    await expect(fullScreen).toHaveText('Ctrl + Alt + F11');
    // Esc leaves a hotkey as it was.
    const altTab = keyboard.getByRole('button', { name: /^Send Alt \+ Tab / });
    await altTab.click();
    await page.keyboard.press('Escape');
    await expect(altTab).toHaveText('Alt + Page Up');
    // The same shortcut twice is pointed out at both.
    await altTab.click();
    await page.keyboard.press('Insert');
    await expect(altTab).toHaveAccessibleDescription(/same shortcut as “Send Alt \+ Esc”/);
    await keyboard.getByRole('button', { name: 'Reset Send Alt + Tab to Alt + Page Up' }).click();
    await expect(altTab).toHaveText('Alt + Page Up');

    await settings.saveButton.click();
    await settings.expectSaved();
    const saved = configOf(await vm.read());
    expect(saved.Keyboard).toEqual({ FullScreenHotkey: 0x7a });
    expect(saved.ChipsetInformation).toMatchObject({ SerialNumber: 'LAB-0042', ChassisAssetTag: 'Asset 7', Manufacturer: 'Contoso', UUID: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });
});
