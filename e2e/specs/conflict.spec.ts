import { smallVmText, smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

test.describe('a file changed on disk while it is edited', () => {
  test('offers a reload, which shows the version on disk', async ({ app }) => {
    const vm = await smallVm('E2E Conflict');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    await settings.number('Processors').fill('2');

    // Another program saves the file meanwhile.
    await vm.write(smallVmText(vm.name, { ProcessorCount: 6 }));

    await settings.saveButton.click();
    await expect(settings.conflictDialog).toBeVisible();
    await settings.conflictDialog.getByRole('button', { name: 'Reload from disk' }).click();
    await expect(settings.conflictDialog).toBeHidden();
    await expect(settings.number('Processors')).toHaveValue('6');
    await expect(settings.saveButton).toBeDisabled();
    expect(await vm.read()).toContain('"ProcessorCount": 6');
  });

  test('can overwrite the other change instead', async ({ app }) => {
    const vm = await smallVm('E2E Overwrite');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    await settings.number('Processors').fill('2');
    await vm.write(smallVmText(vm.name, { ProcessorCount: 6 }));
    await settings.saveButton.click();
    await settings.conflictDialog.getByRole('button', { name: 'Overwrite with my changes' }).click();
    await settings.expectSaved();
    expect(await vm.read()).toContain('"ProcessorCount": 2');
  });

  test('keeps the draft when the user keeps editing', async ({ app }) => {
    const vm = await smallVm('E2E Keep');
    const vmPage = await app.openVm(vm.path, vm.name);
    const settings = await vmPage.openSettings();
    await settings.number('Processors').fill('2');
    await vm.write(smallVmText(vm.name, { ProcessorCount: 6 }));
    await settings.saveButton.click();
    await settings.conflictDialog.getByRole('button', { name: 'Keep editing' }).click();
    await expect(settings.number('Processors')).toHaveValue('2');
    await expect(settings.status).toHaveText('Unsaved changes');
  });
});
