import { expectAccessible } from '../support/axe.js';
import { smallVm } from '../support/vms.js';
import { expect, test } from '../support/own-host.js';

test('when the host is killed, the page says so at once, turns its controls off and says what to do', async ({ ownHost, page }) => {
  const app = await ownHost.open();
  const vm = await smallVm('E2E Host loss');
  const vmPage = await app.openVm(vm.path, vm.name);
  await expect(vmPage.action('Start')).toBeEnabled();
  await expect(page.getByRole('alert')).toHaveCount(0);

  await ownHost.kill();
  const lost = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'Hako is not answering' }) });
  await expect(lost).toBeVisible({ timeout: 2_000 });
  await expect(lost).toContainText('open the new address it prints');
  await expect(lost).toContainText('new secret');
  await expect(lost.getByRole('progressbar', { name: 'Trying to reconnect' })).toBeVisible();
  // Nothing can reach main: the VM's actions, the navigation and the settings are off.
  await expect(vmPage.action('Start')).toBeDisabled();
  await expect(app.nav.getByRole('button', { name: 'Preferences' })).toBeDisabled();
  await expect(vmPage.tab('Settings')).toBeDisabled();
  await expectAccessible(page, 'host-lost');

  // A host started again on the same port has a new secret: the page's connection has ended for good.
  await ownHost.startAgainOnSamePort();
  await expect(page.getByRole('alert').filter({ has: page.getByRole('heading', { name: "This page's connection to Hako has ended" }) })).toBeVisible({ timeout: 15_000 });
  await expect(vmPage.action('Start')).toBeDisabled();

  // Opening the new address gets a working page.
  await ownHost.open();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(app.libraryEntry(vm.name)).toBeEnabled();
});
