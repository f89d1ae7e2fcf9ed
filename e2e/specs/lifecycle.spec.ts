import { smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

test('start → running → pause → resume → power off, on the stand-in compute system', async ({ app }) => {
  const vm = await smallVm('E2E Lifecycle');
  const vmPage = await app.openVm(vm.path, vm.name);
  await vmPage.expectState('Stopped');

  await vmPage.run('Start');
  await vmPage.expectState('Running');
  await expect(app.libraryEntry(vm.name)).toHaveAccessibleName(`${vm.name} Running`);
  await expect(vmPage.action('Start')).toBeDisabled();
  await expect(vmPage.action('Pause')).toBeEnabled();
  await expect(vmPage.action('Power off')).toBeEnabled();

  await vmPage.run('Pause');
  await vmPage.expectState('Paused');
  // Resume takes Start's place while paused.
  await expect(vmPage.action('Resume')).toBeEnabled();
  await expect(vmPage.action('Pause')).toBeDisabled();

  await vmPage.run('Resume');
  await vmPage.expectState('Running');

  await vmPage.powerOff();
  await vmPage.expectState('Stopped');
  await expect(vmPage.action('Start')).toBeEnabled();

  const events = await vmPage.openEvents();
  await expect(events.getByRole('row')).not.toHaveCount(1);
  await expect(app.notifications.getByRole('alert')).toHaveCount(0);
});

test('power off asks first, and cancelling leaves the VM running', async ({ app, page }) => {
  const vm = await smallVm('E2E Cancel');
  const vmPage = await app.openVm(vm.path, vm.name);
  await vmPage.run('Start');
  await vmPage.expectState('Running');
  await vmPage.action('Power off').click();
  const dialog = page.getByRole('alertdialog', { name: `Power off ${vm.name}?` });
  await expect(dialog).toContainText('hard power cut');
  // The safe answer has the focus.
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await vmPage.expectState('Running');
  await vmPage.powerOff();
  await vmPage.expectState('Stopped');
});

test('save stops the VM into a state file, and start resumes it', async ({ app }) => {
  const vm = await smallVm('E2E Save');
  const vmPage = await app.openVm(vm.path, vm.name);
  await vmPage.run('Start');
  await vmPage.expectState('Running');
  await vmPage.run('Save');
  await vmPage.expectState('Saved');
  await vmPage.run('Start');
  await vmPage.expectState('Running');
  await vmPage.powerOff();
  await vmPage.expectState('Stopped');
});
