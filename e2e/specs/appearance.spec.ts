/**
 * The window as people set theirs up: a small window (1024×700) must not scroll sideways, and Windows'
 * high-contrast themes (forced colours) must keep every state visible: the selected tab and section,
 * a switch that is on, a VM's state. Writes screenshots to out/e2e/screenshots to look at.
 */
import { type Locator, type Page } from '@playwright/test';
import { namedVm } from '../support/vms.js';
import { screenshot } from '../support/screenshots.js';
import { expect, test } from './fixtures.js';

/** Whether the page's content area scrolls sideways. */
async function scrollsSideways(page: Page): Promise<boolean> {
  return page.getByRole('main').evaluate((main) => main.scrollWidth > main.clientWidth);
}

/** The colour a pseudo-element or element is painted with. */
async function paint(locator: Locator, property: 'background-color' | 'color', pseudo?: '::before' | '::after'): Promise<string> {
  return locator.evaluate((element, [prop, pseudoElement]) => getComputedStyle(element, pseudoElement ?? null).getPropertyValue(prop!), [property, pseudo] as const);
}

test('a small window and a high-contrast theme keep the window usable', async ({ app, page }) => {
  const vm = await namedVm('Appearance Lab', {
    GuestType: 'Linux',
    ProcessorCount: 2,
    MemorySize: 2048,
    NetworkAdapters: [{ Connected: true }],
    ScsiDevices: [
      { Type: 'VirtualDisk', Path: 'lab.vhdx' },
      { Type: 'VirtualImage', Path: 'installer.iso' },
    ],
    SecureBoot: true,
  });
  const vmPage = await app.openVm(vm.path, vm.name);

  await page.setViewportSize({ width: 1024, height: 700 });
  await app.showHome();
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'narrow-home');
  await app.showVm(vm.name);
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'narrow-vm-overview');
  const settings = await vmPage.openSettings();
  await settings.section('Storage');
  expect(await scrollsSideways(page)).toBe(false);
  await screenshot(page, 'narrow-vm-settings-storage');
  await settings.section('Network');
  expect(await scrollsSideways(page)).toBe(false);

  await page.emulateMedia({ forcedColors: 'active' });
  const canvas = await page.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
  await settings.section('Security');
  const secureBoot = settings.toggle('Secure Boot');
  await expect(secureBoot).toBeChecked();
  // The switch that is on is filled, and its knob stands out from the fill.
  expect(await paint(secureBoot, 'background-color')).not.toBe(canvas);
  expect(await paint(secureBoot, 'background-color', '::after')).not.toBe(await paint(secureBoot, 'background-color'));
  // The selected tab keeps its underline, the current section its bar.
  expect(await paint(vmPage.tab('Settings'), 'background-color', '::after')).not.toBe(canvas);
  const current = settings.sections.getByRole('button', { name: 'Security' });
  expect(await paint(current, 'background-color', '::before')).not.toBe(canvas);
  await screenshot(page, 'forced-colors-vm-settings');

  await vmPage.openOverview();
  // A command that stays focusable while disabled (aria-disabled) is greyed like a disabled one, and the
  // focus ring shows in system colours.
  await vmPage.run('Start');
  await vmPage.expectState('Running');
  expect(await paint(vmPage.action('Start'), 'color')).not.toBe(await paint(vmPage.action('Pause'), 'color'));
  await vmPage.action('Start').focus();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).not.toBe('none');
  // The chosen session mode is highlighted, not just bold.
  const chosen = vmPage.session.locator('.segment-selected');
  expect(await paint(chosen, 'background-color')).not.toBe(canvas);
  await screenshot(page, 'forced-colors-vm-overview');
  await page.emulateMedia({ forcedColors: 'none' });
  await vmPage.powerOff();
});
