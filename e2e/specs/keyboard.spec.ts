import { smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

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
  await expect(page.getByRole('tab', { name: 'Settings' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tab', { name: 'Settings' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');

  // The More menu opens with focus inside and closes with Escape.
  const toolbar = page.getByRole('toolbar', { name: `Actions for ${first.name}` });
  await toolbar.getByRole('button', { name: 'More actions' }).click();
  const menu = page.getByRole('menu', { name: 'More actions' });
  await expect(menu.getByRole('menuitem', { name: 'Remove from library' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
});
