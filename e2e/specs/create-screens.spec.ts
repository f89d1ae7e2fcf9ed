/**
 * The New VM wizard by keyboard alone, checked by axe at every step, and photographed (light, dark, and
 * a 1024×700 window that must not scroll sideways) into out/e2e/screenshots to look at.
 */
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type Page } from '@playwright/test';
import { NewVmWizard } from '../pages/new-vm-wizard.js';
import { e2eDir, uniqueName } from '../support/vms.js';
import { expect, test } from './fixtures.js';

const OUT = path.resolve(import.meta.dirname, '../..', process.env.HAKO_SCREENSHOTS_DIR ?? 'out/e2e/screenshots');

async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), animations: 'disabled', caret: 'hide' });
}

/** Serious and critical accessibility violations on the page. */
async function seriousViolations(page: Page): Promise<string[]> {
  // The wizard's own page; the navigation pane is another feature's.
  const results = await new AxeBuilder({ page }).include('main').analyze();
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
  await shot(page, 'new-vm-hardware');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'new-vm-hardware-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1024, height: 700 });
  expect(await page.getByRole('main').evaluate((main) => main.scrollWidth > main.clientWidth)).toBe(false);
  await shot(page, 'new-vm-hardware-narrow');
  await page.setViewportSize({ width: 1360, height: 860 });

  await wizard.next.click();
  await wizard.expectStep('Virtual hard disk');
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'new-vm-disk');
  await wizard.next.click();
  await wizard.expectStep('Installation media');
  await page.getByRole('radiogroup', { name: 'Install the operating system' }).getByRole('radio', { name: 'From an image file (.iso)' }).check();
  await wizard.field('Image file').fill('relative.iso');
  await wizard.next.click();
  // A relative path is refused where it is typed.
  await wizard.expectStep('Installation media');
  await expect(wizard.field('Image file')).toHaveAccessibleDescription(/full path/);
  await shot(page, 'new-vm-media-error');
  await page.getByRole('radiogroup', { name: 'Install the operating system' }).getByRole('radio', { name: 'Later' }).check();
  await wizard.next.click();
  await wizard.expectStep('Network');
  expect(await seriousViolations(page)).toEqual([]);
  await wizard.next.click();

  await wizard.expectStep('Summary');
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'new-vm-summary');
  await page.emulateMedia({ colorScheme: 'dark' });
  await shot(page, 'new-vm-summary-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1024, height: 700 });
  expect(await page.getByRole('main').evaluate((main) => main.scrollWidth > main.clientWidth)).toBe(false);
  await shot(page, 'new-vm-summary-narrow');
  await page.setViewportSize({ width: 1360, height: 860 });

  await wizard.create(name);
  expect(await seriousViolations(page)).toEqual([]);
  await shot(page, 'new-vm-created');
  await expect(app.libraryEntry(name)).toBeVisible();
});
