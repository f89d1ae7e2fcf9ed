/**
 * The device screens (virtual switches, adapters, shares, hardware identity, keyboard, storage) in
 * light and dark at the smallest window Hako supports (1024×700), into out/e2e/screenshots (or
 * HAKO_SCREENSHOTS_DIR). Also a smoke test: each renders without an error notification.
 */
import path from 'node:path';
import { type Page } from '@playwright/test';
import { NetworksPage } from '../pages/networks-page.js';
import { screenshot, SCREENSHOTS_DIR } from '../support/screenshots.js';
import { namedVm, uniqueName } from '../support/vms.js';
import { wordsFor } from '../support/words.js';
import { expect, test } from './fixtures.js';

async function shots(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await screenshot(page, `${name}-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test.use({ viewport: { width: 1024, height: 700 } });

test('screenshots of the device screens', async ({ app, page }) => {
  test.setTimeout(120_000);
  const switches = await app.showNetworks();
  const labNetwork = uniqueName('Lab network');
  await switches.create(labNetwork);
  await shots(page, 'switches');
  await page.getByRole('button', { name: 'New NAT switch…' }).click();
  await switches.createDialog.getByRole('textbox', { name: 'Switch name' }).fill('Build network');
  await shots(page, 'switch-create');
  await page.keyboard.press('Escape');

  const vm = await namedVm(uniqueName('Devices'), {
    NetworkAdapters: [{ Connected: true }, { Connected: false, MacAddress: '02-15-5D-64-2F-AB' }],
    Plan9Shares: [{ Port: 50001, Path: 'src', Name: 'code', ReadOnly: true }],
    VirtualSmbShares: [{ Path: 'C:\\Users\\me\\Documents', Name: 'docs' }],
    ChipsetInformation: { SerialNumber: 'LAB-0042', Manufacturer: 'Contoso' },
    Keyboard: { FullScreenHotkey: 0x7a, AltTabHotkey: 45 },
  });
  const vmPage = await app.openVm(vm.path, vm.name);
  const settings = await vmPage.openSettings();
  const network = await settings.section('Network');
  await shots(page, 'settings-network');
  await network.getByRole('list', { name: 'Network adapters' }).screenshot({ path: path.join(SCREENSHOTS_DIR, 'settings-network-adapters.png') });

  for (const [section, name] of [
    ['Shared folders', 'settings-shares'],
    ['Hardware identity', 'settings-identity'],
    ['Keyboard', 'settings-keyboard'],
    ['Enhanced session', 'settings-session'],
  ] as const) {
    await settings.section(section);
    await shots(page, name);
  }

  // Storage: a disk's facts and its resize dialog.
  const storage = await settings.section('Storage');
  await storage.getByRole('button', { name: 'Create new disk…' }).click();
  const create = page.getByRole('dialog', { name: 'Create a virtual disk' });
  await create.getByRole('textbox', { name: 'File name' }).fill('system.vhdx');
  await create.getByRole('spinbutton', { name: 'Size' }).fill('2');
  await create.getByRole('button', { name: 'Create and add' }).click();
  await expect(create).toBeHidden();
  await storage.getByRole('button', { name: 'Add DVD drive' }).click();
  await expect(storage.locator('dt:text-is("Virtual size") + dd')).toHaveText('2 GB');
  await shots(page, 'settings-storage');
  await storage.getByRole('button', { name: 'Resize disk 1' }).click();
  await expect(page.getByRole('dialog', { name: 'Resize system.vhdx' })).toBeVisible();
  await shots(page, 'storage-resize');
  await page.keyboard.press('Escape');
  await settings.saveButton.click();
  await settings.expectSaved();

  // The waits-for-a-restart banner after an apply.
  await vmPage.openOverview();
  await vmPage.run('Start');
  await vmPage.expectState('Running');
  // Opened after the start, whose write-back (the adapter's endpoint) the editor then holds.
  await vmPage.openSettings();
  await settings.number('Memory').fill('1024');
  await settings.number('Processors').fill('2');
  await settings.saveButton.click();
  await settings.expectSaved();
  await vmPage.openOverview();
  await vmPage.pendingRestart.getByRole('button', { name: 'Apply what can change now' }).click();
  await expect(vmPage.pendingRestart).toContainText('Applied when last asked');
  await app.dismissNotifications();
  await shots(page, 'pending-restart');
  await vmPage.powerOff();

  await expect(app.notifications.getByRole('alert')).toHaveCount(0);
  // The host is shared: a switch left behind would change the switch table of every later journey.
  await (await app.showNetworks()).delete(labNetwork);
});

test.describe('in Simplified Chinese', () => {
  test.use({ locale: 'zh-CN' });
  test('the switch manager, with a NAT switch of its own', async ({ page }) => {
    const { hostUrl } = await import('../support/vms.js');
    const w = wordsFor('zh-CN');
    await page.goto(hostUrl());
    await page.getByRole('button', { name: w('networks.title') }).click();
    const switches = new NetworksPage(page, w);
    await expect(switches.heading).toBeVisible();
    // Its own NAT switch, so the table shows a subnet and a gateway in Chinese whatever ran before.
    const name = uniqueName('Lab network');
    await switches.create(name);
    await screenshot(page, 'switches-zh-CN');
    await switches.delete(name);
  });
});
