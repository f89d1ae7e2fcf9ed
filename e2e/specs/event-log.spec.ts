import { smallVm } from '../support/vms.js';
import { expect, test } from '../support/own-host.js';

test('the event log records every action in plain words, names each applied setting, and survives a host restart', async ({ ownHost }) => {
  const app = await ownHost.open();
  const vm = await smallVm('E2E Event log');
  let vmPage = await app.openVm(vm.path, vm.name);

  await vmPage.run('Start');
  await vmPage.expectState('Running');
  await vmPage.run('Pause');
  await vmPage.expectState('Paused');
  await vmPage.run('Resume');
  await vmPage.expectState('Running');

  // Memory can change while the VM runs; processors wait for a restart.
  const settings = await vmPage.openSettings();
  await settings.number('Memory').fill('1024');
  await settings.number('Processors').fill('2');
  await settings.saveButton.click();
  await settings.expectSaved();
  await vmPage.openOverview();
  await expect(vmPage.pendingRestart).toBeVisible();
  await vmPage.page.getByRole('button', { name: 'Apply what can change now' }).click();
  const applied = app.notifications.getByRole('status').filter({ hasText: 'Settings applied' });
  await expect(applied).toContainText('Applied now: Memory.');
  await expect(applied).toContainText('Waits for a restart: Processors.');

  await vmPage.powerOff();
  await vmPage.expectState('Stopped');

  const expected = ['Memory: applied now', 'Processors: waits for a restart', 'Paused', 'Resumed', 'Powered off'];
  let events = await vmPage.openEvents();
  for (const message of expected) await expect(events.getByRole('row').filter({ hasText: message }).first()).toBeVisible();
  const before = await events.getByRole('row').count();

  // A new host on the same data folder: a new address and secret, the same library and logs.
  await ownHost.restart();
  await ownHost.open();
  vmPage = await app.showVm(vm.name);
  events = await vmPage.openEvents();
  for (const message of expected) await expect(events.getByRole('row').filter({ hasText: message }).first()).toBeVisible();
  expect(await events.getByRole('row').count()).toBeGreaterThanOrEqual(before);
  // Words for people, never the outcome codes.
  await expect(vmPage.page.getByRole('main')).not.toContainText('needs-restart');
});
