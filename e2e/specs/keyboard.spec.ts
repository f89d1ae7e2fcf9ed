/**
 * The keyboard journeys: a skip link first, the navigation pane as one Tab stop moved through with the
 * arrow keys, tabs and the More menu, focus that stays put when a command disables itself (Start, Save)
 * or a menu closes, the shortcuts overlay (?), and Ctrl+S.
 */
import type { Page } from '@playwright/test';
import { smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

/** What has focus, as "tag: accessible text", so a failure says where focus went (never "body"). */
async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (active === null || active === document.body) return 'body';
    return `${active.tagName.toLowerCase()}: ${active.getAttribute('aria-label') ?? active.textContent?.trim() ?? ''}`;
  });
}

test('the window works from the keyboard: library, tabs, menu', async ({ app, page }) => {
  const first = await smallVm('E2E Keys A');
  const second = await smallVm('E2E Keys B');
  await app.openVm(first.path, first.name);
  const vm = await app.openVm(second.path, second.name);

  // Up/Down move through the library like a navigation pane.
  await app.libraryEntry(second.name).focus();
  await page.keyboard.press('ArrowUp');
  await expect(app.libraryEntry(first.name)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: first.name })).toBeVisible();

  // Left/Right switch the VM tabs.
  await vm.tab('Overview').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Screen' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Screen' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Settings' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');

  // The More menu opens with focus inside and closes with Escape, focus back on its button.
  const toolbar = page.getByRole('toolbar', { name: `Actions for ${first.name}` });
  const more = toolbar.getByRole('button', { name: 'More actions' });
  await more.click();
  const menu = page.getByRole('menu', { name: 'More actions' });
  // The first command that can run: Clone… for a stopped VM.
  await expect(menu.getByRole('menuitem', { name: 'Clone…' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(more).toBeFocused();
  // Its commands are not Tab stops: Tab closes it and goes on from More, to the page's tabs.
  await more.click();
  await expect(menu.getByRole('menuitem', { name: 'Clone…' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(menu).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Overview' })).toBeFocused();
});

test('a skip link comes first, and the navigation pane is one Tab stop', async ({ app, page }) => {
  const vms = [await smallVm('E2E Stop A'), await smallVm('E2E Stop B'), await smallVm('E2E Stop C')];
  for (const vm of vms) await app.openVm(vm.path, vm.name);
  await app.showHome();

  // A fresh page: the first Tab goes to the skip link.
  await page.reload();
  await app.waitReady();
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();

  // From "Open VM…" one Tab reaches "New VM…", the next the library's search box, the next the pane's
  // entry for the page showing (Home), the next leaves the pane.
  await page.getByRole('complementary').getByRole('button', { name: 'Open VM…' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('complementary').getByRole('button', { name: 'New VM…' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('searchbox', { name: 'Search VMs' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(app.nav.getByRole('button', { name: 'Home' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect.poll(() => app.nav.evaluate((nav) => nav.contains(document.activeElement))).toBe(false);
  // The arrow keys reach every entry; End goes to the last.
  await app.nav.getByRole('button', { name: 'Home' }).focus();
  await page.keyboard.press('ArrowDown');
  // (The run's other VMs are in the library too: the first entry is one of the library's.)
  expect(await app.library.evaluate((list) => list.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('End');
  await expect(app.nav.getByRole('button', { name: 'Preferences' })).toBeFocused();

  // Ctrl+L brings focus back to the pane's Tab stop.
  await page.getByRole('main').focus();
  await page.keyboard.press('Control+l');
  await expect(app.nav.getByRole('button', { name: 'Home' })).toBeFocused();
});

test('focus stays on a command that disables itself, and the shortcuts are listed under ?', async ({ app, page }) => {
  const vm = await smallVm('E2E Focus');
  const vmPage = await app.openVm(vm.path, vm.name);

  // Start disables itself once the VM runs; focus stays on it rather than falling to the page.
  await vmPage.action('Start').focus();
  await page.keyboard.press('Enter');
  await vmPage.expectState('Running');
  await expect(vmPage.action('Start')).toHaveAttribute('aria-disabled', 'true');
  expect(await focused(page)).toBe('button: Start');
  // The state change is announced for screen readers.
  await expect(page.getByTestId('announcer')).toHaveText(`${vm.name} is now Running`);

  // Ctrl+S saves the settings; Save keeps the focus it had.
  const settings = await vmPage.openSettings();
  await settings.number('Processors').fill('2');
  await settings.saveButton.focus();
  await page.keyboard.press('Control+s');
  await settings.expectSaved();
  await expect(settings.saveButton).toHaveAttribute('aria-disabled', 'true');
  expect(await focused(page)).toBe('button: Save');
  expect(await vm.read()).toContain('"ProcessorCount": 2');

  // ? lists the shortcuts; Escape closes the list and focus returns.
  await page.getByRole('main').focus();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('table', { name: 'Shortcuts' })).toContainText('Ctrl+S');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  expect(await focused(page)).not.toBe('body');

  await vmPage.powerOff();
});
