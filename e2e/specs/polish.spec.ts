/**
 * The screen-level polish of issue 15, checked where a layout can be measured: notifications hide no
 * control, the command bar stays one row in a small window, page and save bar share one width in a
 * large one, a long name leaves the glyph alone and a question's title short, twin names show their
 * folders, Disconnect waits for a connection, and an NMI says that it went out.
 */
import type { Locator } from '@playwright/test';
import { namedVm, smallVm, uniqueName, smallVmText, e2eDir } from '../support/vms.js';
import { expect, test } from './fixtures.js';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (b === null) throw new Error('not laid out');
  return b;
}

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('notifications hide no control, and errors stack until cleared', async ({ app, page }) => {
  const vm = await smallVm('E2E Toasts');
  const vmPage = await app.openVm(vm.path, vm.name);
  const settings = await vmPage.openSettings();
  await settings.number('Processors').fill('2');
  // Two failures: opening files that are not there.
  for (const missing of ['/nonexistent/a/A.7b', '/nonexistent/b/B.7b']) {
    await page.getByRole('complementary').getByRole('button', { name: 'Open VM…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Open a virtual machine' });
    await dialog.getByRole('textbox', { name: 'Path of the .7b file' }).fill(missing);
    await dialog.getByRole('button', { name: 'Open', exact: true }).click();
    await page.keyboard.press('Escape');
  }
  await expect(app.notifications.getByRole('alert')).toHaveCount(2);
  const toasts = await box(app.notifications);
  for (const control of [settings.saveButton, settings.discardButton]) expect(overlaps(await box(control), toasts)).toBe(false);
  await app.notifications.getByRole('button', { name: 'Clear all' }).click();
  await expect(app.notifications.getByRole('alert')).toHaveCount(0);
});

test('the command bar is one row at 1024×700, and page and save bar share one width at 1920×1080', async ({ app, page }) => {
  const vm = await smallVm('E2E Widths');
  const vmPage = await app.openVm(vm.path, vm.name);
  await page.setViewportSize({ width: 1024, height: 700 });
  // The rows the bar's commands take, read in one go: after a resize the bar moves what does not fit into
  // More a moment later, so a command counted before that may be gone when its box is asked for.
  const rows = () => vmPage.toolbar.evaluate((bar) => new Set([...bar.querySelectorAll(':scope > .btn, :scope > .menu-anchor')].map((button) => Math.round(button.getBoundingClientRect().y))).size);
  await expect.poll(rows).toBe(1);
  // What did not fit is in the More menu: every command is one or the other.
  await vmPage.toolbar.getByRole('button', { name: 'More actions' }).click();
  const menu = page.getByRole('menu', { name: 'More actions' });
  await expect(menu).toBeVisible();
  for (const label of ['Start', 'Shut down', 'Pause', 'Save', 'Restart', 'Power off']) {
    const inBar = await vmPage.toolbar.getByRole('button', { name: label, exact: true }).count();
    const inMenu = await menu.getByRole('menuitem', { name: label, exact: true }).count();
    expect(inBar + inMenu, label).toBe(1);
  }
  await page.keyboard.press('Escape');

  await page.setViewportSize({ width: 1920, height: 1080 });
  const settings = await vmPage.openSettings();
  const pageBox = await box(page.locator('.page'));
  const bar = await box(settings.saveBar);
  expect(bar.x + bar.width).toBeLessThanOrEqual(pageBox.x + pageBox.width + 1);
  expect(bar.x).toBeGreaterThanOrEqual(pageBox.x - 1);
  await page.setViewportSize({ width: 1360, height: 860 });
});

test('a long name leaves the glyph alone, keeps a tooltip and a short question; twin names show their folders', async ({ app, page }) => {
  const long = await namedVm(uniqueName('An extraordinarily long virtual machine name that goes on and on for the sake of the layout'));
  const vmPage = await app.openVm(long.path, long.name);
  const glyph = app.libraryEntry(long.name).locator('.vm-glyph');
  expect((await box(glyph)).width).toBeGreaterThanOrEqual(29);
  await expect(vmPage.heading).toHaveAttribute('title', long.name);
  await vmPage.toolbar.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Remove from library' }).click();
  const question = page.getByRole('alertdialog');
  expect((await box(question.locator('.dialog-title'))).height).toBeLessThanOrEqual(3 * 28 + 40);
  await page.keyboard.press('Escape');

  // Two files, one Name, in different folders.
  const name = uniqueName('Twin');
  const files: string[] = [];
  for (const folder of ['first', 'second']) {
    const dir = path.join(e2eDir(), 'vms', `${name.replace(/\s/g, '-')}-${folder}`);
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'twin.7b');
    await writeFile(file, `\uFEFF${smallVmText(name)}`);
    files.push(file);
  }
  await app.openVm(files[0]!, name);
  await page.getByRole('complementary').getByRole('button', { name: 'Open VM…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open a virtual machine' });
  await dialog.getByRole('textbox', { name: 'Path of the .7b file' }).fill(files[1]!);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  // The dialog is modal: search only once it has closed and the second twin's page shows.
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('main').getByText(files[1]!, { exact: true })).toBeVisible();
  // A search shows just the twins (the list is virtualized, and it scrolls to the VM just opened).
  const search = page.getByRole('complementary').getByRole('searchbox', { name: 'Search VMs' });
  await search.fill(name);
  for (const folder of ['first', 'second']) {
    await expect(app.library.getByRole('button', { name: new RegExp(`^${name} Stopped ${name.replace(/\s/g, '-')}-${folder}$`) })).toBeVisible();
  }
  await search.fill('');
});

test('Disconnect waits for a connection, and an NMI says it went out', async ({ app, page }) => {
  const vm = await smallVm('E2E Session');
  const vmPage = await app.openVm(vm.path, vm.name);
  await vmPage.run('Start');
  await vmPage.expectState('Running');
  await expect(vmPage.session.getByRole('button', { name: 'Disconnect' })).toHaveAttribute('aria-disabled', 'true');
  await expect(vmPage.session).toContainText('No remote desktop window is open');

  await vmPage.toolbar.getByRole('button', { name: 'More actions' }).click();
  await page.getByRole('menuitem', { name: 'Send NMI (crash)' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Send NMI' }).click();
  await expect(app.notifications.getByRole('status').filter({ hasText: `NMI sent to ${vm.name}` })).toBeVisible();
  await app.dismissNotifications();
  await vmPage.powerOff();
});
