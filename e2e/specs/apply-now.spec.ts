import { smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

test('"Apply what can change now" names each setting, and the banner follows what happened to it', async ({ app }) => {
  const vm = await smallVm('E2E Apply');
  const vmPage = await app.openVm(vm.path, vm.name);
  await vmPage.run('Start');
  await vmPage.expectState('Running');

  const settings = await vmPage.openSettings();
  await settings.number('Processors').fill('2');
  await settings.number('Memory').fill('1024');
  const storage = await settings.section('Storage');
  await storage.getByRole('button', { name: 'Add virtual disk' }).click();
  await settings.text('Device 1 path').fill('data.vhdx');
  await settings.saveButton.click();
  await settings.expectSaved();

  await vmPage.openOverview();
  const list = vmPage.pendingRestart.getByRole('list', { name: 'Changes that wait for a restart' });
  await expect(list).toContainText('Memory');
  await expect(list).toContainText('Processors');
  await vmPage.pendingRestart.getByRole('button', { name: 'Apply what can change now' }).click();

  // Memory is in use now and drops out; processors wait; the disk says why it could not be added.
  await expect(vmPage.pendingRestart).toContainText('Applied when last asked: Memory.');
  await expect(list).not.toContainText('Memory');
  await expect(list.getByRole('listitem').filter({ hasText: 'Processors' })).toContainText('— waits for a restart');
  await expect(list).toContainText(/Disk 1 \(data\.vhdx\): could not be applied — \S/);
  const toast = app.errorToast('Some settings could not be applied');
  await expect(toast).toContainText('Disk 1 (data.vhdx)');
  await app.dismissNotifications();
  await vmPage.powerOff();
  await vmPage.expectState('Stopped');
  await expect(vmPage.pendingRestart).toHaveCount(0);
});
