import { documentedExample, smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

test.describe('library', () => {
  test('opens NanaBox’s documented example by path and shows what it holds', async ({ app, page }) => {
    const vm = await documentedExample();
    const vmPage = await app.openVm(vm.path, vm.name);
    // The example names a SaveStateFile: to Hako (and NanaBox) the VM was suspended to it.
    await vmPage.expectState('Saved');
    await expect(app.libraryEntry(vm.name)).toHaveAccessibleName(`${vm.name} Saved`);
    await expect(page.getByText(vm.path, { exact: true })).toBeVisible();
    const hardware = page.getByRole('region', { name: 'Hardware' });
    await expect(hardware).toContainText('Test.vhdx');
    await expect(hardware).toContainText('Secure Boot');
    // Only Start (resume from the save file) makes sense.
    await expect(vmPage.action('Start')).toBeEnabled();
    for (const label of ['Shut down', 'Pause', 'Save', 'Restart', 'Power off'] as const) await expect(vmPage.action(label)).toBeDisabled();
  });

  test('shows why a VM cannot start, with the error code, and keeps it in the library', async ({ app }) => {
    // The documented example says it was suspended to Test.SaveState.vmrs, which does not exist.
    const vm = await documentedExample();
    const vmPage = await app.openVm(vm.path, vm.name);
    await vmPage.run('Start');
    await expect(app.errorToast(`Start failed for ${vm.name}`)).toBeVisible();
    await expect(vmPage.lastError).toBeVisible();
    await expect(vmPage.lastError).toContainText('SaveState');
    await vmPage.expectState('Error');
  });

  test('refuses a path that is not a .7b file before asking the host', async ({ app, page }) => {
    await app.waitReady();
    await page.getByRole('complementary').getByRole('button', { name: 'Open VM…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a virtual machine' });
    const path = dialog.getByRole('textbox', { name: 'Path of the .7b file' });
    await path.fill('/tmp/not-a-vm.txt');
    await expect(path).toHaveAttribute('aria-invalid', 'true');
    await expect(dialog.getByRole('button', { name: 'Open', exact: true })).toBeDisabled();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  test('reports a missing file as an error with its code', async ({ app, page }) => {
    await page.getByRole('complementary').getByRole('button', { name: 'Open VM…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a virtual machine' });
    await dialog.getByRole('textbox', { name: 'Path of the .7b file' }).fill('/nonexistent/folder/Nothing.7b');
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    const toast = app.errorToast('Could not open the VM');
    await expect(toast).toBeVisible();
    await expect(toast).toContainText('FileNotFound');
  });

  test('removes a stopped VM from the library without touching its file', async ({ app }) => {
    const vm = await smallVm('E2E Forget');
    const vmPage = await app.openVm(vm.path, vm.name);
    await vmPage.forget();
    await expect(app.libraryEntry(vm.name)).toHaveCount(0);
    expect(await vm.read()).toContain(vm.name);
  });
});
