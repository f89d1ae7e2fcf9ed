/**
 * The New VM wizard by keyboard alone, checked by axe at every step, and photographed (light, dark, and
 * a 1024×700 window that must not scroll sideways) into out/e2e/screenshots to look at; the clone,
 * delete and discard dialogs and a refused file the same way.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import { NewVmWizard } from '../pages/new-vm-wizard.js';
import { lifecycleDialog } from '../pages/vm-lifecycle.js';
import { e2eDir, smallVm, smallVmText, uniqueName } from '../support/vms.js';
import { screenshot } from '../support/screenshots.js';
import { expect, test } from './fixtures.js';

/** Serious and critical accessibility violations in the main area (the navigation pane is another feature's), or in the open dialog. */
async function seriousViolations(page: Page, within: 'main' | 'dialog' = 'main'): Promise<string[]> {
  const results = await new AxeBuilder({ page }).include(within === 'main' ? 'main' : 'dialog[open]').analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the wizard by keyboard: every step reachable with Tab and Enter, no serious axe finding, in light, dark and a small window', async ({ app, page }) => {
  test.setTimeout(120_000);
  const name = uniqueName('Windows 11 Lab');
  const wizard = new NewVmWizard(page);

  // From the navigation pane by keyboard: focus "New VM…" and press Enter.
  await page.getByRole('complementary').getByRole('button', { name: 'New VM…' }).focus();
  await page.keyboard.press('Enter');
  await expect(wizard.heading).toBeVisible();
  await expect(wizard.field('Name')).toBeFocused();
  expect(await seriousViolations(page)).toEqual([]);

  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await wizard.expectStep('Location');
  // The new step's heading takes the focus, so a screen reader says where the user is.
  await expect(wizard.step('Location')).toBeFocused();
  await wizard.field('Folder').fill(path.join(e2eDir(), 'screens'));
  await wizard.field('Folder').press('Enter');

  await wizard.expectStep('System and hardware');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'new-vm-hardware');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'new-vm-hardware-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1024, height: 700 });
  expect(await page.getByRole('main').evaluate((main) => main.scrollWidth > main.clientWidth)).toBe(false);
  await screenshot(page, 'new-vm-hardware-narrow');
  await page.setViewportSize({ width: 1360, height: 860 });

  await wizard.next.click();
  await wizard.expectStep('Virtual hard disk');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'new-vm-disk');
  await wizard.next.click();
  await wizard.expectStep('Installation media');
  await page.getByRole('radiogroup', { name: 'Install the operating system' }).getByRole('radio', { name: 'From an image file (.iso)' }).check();
  await wizard.field('Image file').fill('relative.iso');
  await wizard.next.click();
  // A relative path is refused where it is typed.
  await wizard.expectStep('Installation media');
  await expect(wizard.field('Image file')).toHaveAccessibleDescription(/full path/);
  await screenshot(page, 'new-vm-media-error');
  await page.getByRole('radiogroup', { name: 'Install the operating system' }).getByRole('radio', { name: 'Later' }).check();
  await wizard.next.click();
  await wizard.expectStep('Network');
  expect(await seriousViolations(page)).toEqual([]);
  await wizard.next.click();

  await wizard.expectStep('Summary');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'new-vm-summary');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'new-vm-summary-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1024, height: 700 });
  expect(await page.getByRole('main').evaluate((main) => main.scrollWidth > main.clientWidth)).toBe(false);
  await screenshot(page, 'new-vm-summary-narrow');
  await page.setViewportSize({ width: 1360, height: 860 });

  await wizard.create(name);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'new-vm-created');
  await expect(await app.revealEntry(name)).toBeVisible();

  // "Create another" starts afresh, and Alt+N opens the wizard from anywhere.
  await page.getByRole('button', { name: 'Create another' }).click();
  await expect(wizard.field('Name')).toHaveValue('');
  await app.showHome();
  await page.keyboard.press('Alt+n');
  await expect(wizard.heading).toBeVisible();
});

test('the clone, delete and discard dialogs and a refused file: no serious axe finding, photographed', async ({ app, page }) => {
  // A disk in the VM's folder and one beside it: the clone offers differencing disks, the delete plan leaves the outside one unticked.
  const outside = path.join(e2eDir(), 'vms', `${uniqueName('Screens-shared').replace(/\W+/g, '-')}.vhdx`);
  const vm = await smallVm('Screens Lab', {
    SaveStateFile: 'Lab.SaveState.vmrs',
    Tpm: true,
    NetworkAdapters: [{ Connected: true, MacAddress: '00-15-5D-12-34-56' }],
    ScsiDevices: [{ Type: 'VirtualDisk', Path: 'Lab.vhdx' }, { Type: 'VirtualDisk', Path: outside }],
  });
  await writeFile(path.join(vm.folder, 'Lab.SaveState.vmrs'), 'saved memory');
  await writeFile(path.join(vm.folder, 'Lab.vhdx'), 'system disk');
  await writeFile(outside, 'shared disk');
  const vmPage = await app.openVm(vm.path, vm.name);

  const clone = await lifecycleDialog(vmPage, 'Clone…');
  expect(await seriousViolations(page, 'dialog')).toEqual([]);
  await screenshot(page, 'clone-dialog');
  await clone.getByRole('radiogroup', { name: 'Disks' }).getByRole('radio', { name: 'Differencing disks' }).check();
  await expect(clone.getByRole('region', { name: "The original's disks must never change again" })).toBeVisible();
  await clone.getByRole('radiogroup', { name: 'MAC addresses' }).getByRole('radio', { name: 'Dynamic addresses' }).check();
  expect(await seriousViolations(page, 'dialog')).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'clone-dialog-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1024, height: 700 });
  await expect(clone.getByRole('button', { name: 'Clone', exact: true })).toBeInViewport();
  await screenshot(page, 'clone-dialog-narrow');
  await page.setViewportSize({ width: 1360, height: 860 });
  await clone.getByRole('button', { name: 'Cancel' }).click();

  const discard = await lifecycleDialog(vmPage, 'Discard saved state…');
  expect(await seriousViolations(page, 'dialog')).toEqual([]);
  await screenshot(page, 'discard-dialog');
  await discard.getByRole('button', { name: 'Cancel' }).click();

  const remove = await lifecycleDialog(vmPage, 'Delete…');
  await expect(remove.getByRole('checkbox').first()).toBeVisible();
  expect(await seriousViolations(page, 'dialog')).toEqual([]);
  await screenshot(page, 'delete-dialog');
  await page.setViewportSize({ width: 1024, height: 700 });
  await screenshot(page, 'delete-dialog-narrow');
  await page.setViewportSize({ width: 1360, height: 860 });
  await remove.getByRole('button', { name: 'Cancel' }).click();

  const broken = await smallVm('Screens Broken');
  await writeFile(broken.path, smallVmText(broken.name));
  const brokenPage = await app.openVm(broken.path, path.basename(broken.path, '.7b'));
  await expect(brokenPage.action('Start')).toBeDisabled();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, 'refused-file-overview');
});

test.describe('in Chinese', () => {
  test.use({ locale: 'zh-CN' });

  test('the wizard speaks the catalogue’s Chinese and fits a small window', async ({ app }) => {
    const page = app.page;
    await page.getByRole('complementary').getByRole('button', { name: '新建虚拟机…' }).click();
    await expect(page.getByRole('heading', { level: 1, name: '新建虚拟机' })).toBeVisible();
    await page.getByRole('main').getByLabel('名称', { exact: true }).fill(uniqueName('实验机'));
    await page.keyboard.press('Enter');
    await page.getByRole('main').getByLabel('文件夹', { exact: true }).fill(path.join(e2eDir(), 'zh'));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: '系统和硬件' })).toBeVisible();
    await page.setViewportSize({ width: 1024, height: 700 });
    expect(await page.getByRole('main').evaluate((main) => main.scrollWidth > main.clientWidth)).toBe(false);
    await screenshot(page, 'new-vm-hardware-zh');
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: '下一步' }).click();
    await expect(page.getByRole('heading', { level: 2, name: '摘要' })).toBeVisible();
    await screenshot(page, 'new-vm-summary-zh');
  });
});
