/**
 * Pictures of the living VM page (issue 11): the Overview with live charts, the unsaved-edit question,
 * the host-loss state and the Preferences, in light and dark and at 1024×700 — into out/e2e/screenshots,
 * or docs/screenshots with `npm run screenshots`. On a host of its own, so only its VMs show; also a
 * smoke test: each view renders.
 */
import type { Page } from '@playwright/test';
import { VmPage } from '../pages/index.js';
import { expect, test } from '../support/own-host.js';
import { screenshot } from '../support/screenshots.js';
import { namedVm } from '../support/vms.js';

const LOOKS = [
  { suffix: '', width: 1360, height: 860, scheme: 'light' },
  { suffix: '-dark', width: 1360, height: 860, scheme: 'dark' },
  { suffix: '-small', width: 1024, height: 700, scheme: 'light' },
] as const;

async function shots(page: Page, name: string, prepare?: () => Promise<void>): Promise<void> {
  for (const look of LOOKS) {
    await page.setViewportSize({ width: look.width, height: look.height });
    await page.emulateMedia({ colorScheme: look.scheme });
    await prepare?.();
    await screenshot(page, `${name}${look.suffix}`);
  }
}

test('screenshots of the living VM page', async ({ ownHost, page }) => {
  test.setTimeout(120_000);
  const app = await ownHost.open();
  const windows = await namedVm('Windows 11 Dev', {
    GuestType: 'Windows',
    ProcessorCount: 4,
    MemorySize: 8192,
    ScsiDevices: [{ Type: 'VirtualDisk', Path: 'Windows 11 Dev.vhdx' }],
    SecureBoot: true,
  });
  const vm = await app.openVm(windows.path, windows.name);
  await vm.run('Start');
  await vm.expectState('Running');
  // Some history in the charts.
  const live = page.getByRole('region', { name: 'Live' });
  await expect(live.getByRole('img', { name: /Processor use/ })).toBeVisible();
  await page.waitForTimeout(12_000);
  await shots(page, 'vm-overview-live');

  const settings = await vm.openSettings();
  await settings.number('Processors').fill('6');
  await shots(page, 'unsaved-question', async () => {
    if (await page.getByRole('alertdialog').isHidden()) await new VmPage(page, windows.name).tab('Overview').click();
    await expect(page.getByRole('alertdialog', { name: `Save the changes to ${windows.name}?` })).toBeVisible();
  });
  await page.getByRole('alertdialog').getByRole('button', { name: 'Discard' }).click();

  await app.showPreferences();
  await shots(page, 'preferences', () => page.getByRole('region', { name: 'Remote Desktop client' }).scrollIntoViewIfNeeded());
  await page.getByRole('radio', { name: 'A command of my own' }).check();
  await shots(page, 'preferences-custom-rdp', () => page.getByRole('region', { name: 'New virtual machines' }).scrollIntoViewIfNeeded());

  await app.showVm(windows.name);
  await ownHost.kill();
  await expect(page.getByRole('alert').filter({ hasText: 'Hako is not answering' })).toBeVisible();
  await shots(page, 'host-lost');
});
