/**
 * Two languages from one catalogue, and a layout that takes longer words: the tour of every screen and
 * dialog (support/tour.ts) in Simplified Chinese and English, light and dark (screenshots under
 * out/e2e/screenshots/<locale>-<theme>/), and in the pseudo-locale (English ~40 % longer and accented)
 * at 1024×700 and 1920×1080, where nothing may be cut off, overlap or scroll sideways. The pseudo-locale
 * also shows text that bypasses the catalogue: every visible text (but names, paths and numbers) has
 * its accents.
 */
import type { Page } from '@playwright/test';
import { HakoApp } from '../pages/index.js';
import { hostUrl } from '../support/vms.js';
import { layoutProblems } from '../support/layout.js';
import { tour, tourCleanUp, tourVms } from '../support/tour.js';
import { wordsFor, type TestLocale } from '../support/words.js';
import { screenshot } from '../support/screenshots.js';
import { expect, test } from './fixtures.js';

const shot = (page: Page, folder: string, name: string) => screenshot(page, `${folder}/${name}`);

/** The host's address with `?locale=…` (the secret stays in the fragment). */
function withLocale(locale: string): string {
  const url = new URL(hostUrl());
  url.searchParams.set('locale', locale);
  return url.toString();
}

for (const locale of ['zh-CN', 'en'] as const satisfies readonly TestLocale[]) {
  test.describe(`in ${locale}`, () => {
    test.use({ locale });
    test(`every screen in ${locale}, light and dark`, async ({ page, browser }) => {
      test.setTimeout(300_000);
      // The VMs are made through the English page objects, in a page of their own.
      const setup = await browser.newPage({ locale: 'en-US' });
      const english = new HakoApp(setup);
      await english.goto(hostUrl());
      const vms = await tourVms(english, locale);
      await setup.close();
      await page.goto(hostUrl());
      await page.getByRole('navigation').first().waitFor();
      const w = wordsFor(locale);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      for (const theme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: theme });
        await tour(page, w, vms, (screen) => shot(page, `${locale}-${theme}`, screen));
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await tourCleanUp(page, w, vms);
    });
  });
}

for (const size of [
  { width: 1024, height: 700 },
  { width: 1920, height: 1080 },
]) {
  test(`the pseudo-locale at ${size.width}×${size.height}: nothing cut off, overlapping or outside the catalogue`, async ({ app, page }) => {
    test.setTimeout(300_000);
    const vms = await tourVms(app, `pseudo-${size.width}`);
    await page.setViewportSize(size);
    await page.goto(withLocale('en-XA'));
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
    const problems: string[] = [];
    const w = wordsFor('en-XA');
    await tour(page, w, vms, async (screen) => {
      await shot(page, `pseudo-${size.width}x${size.height}`, screen);
      for (const problem of await layoutProblems(page)) problems.push(`${screen}: ${problem}`);
    });
    await tourCleanUp(page, w, vms);
    expect(problems).toEqual([]);
  });
}

test('the language preference switches the window at once, and back to the system’s', async ({ app, page }) => {
  const preferences = await app.showPreferences();
  const language = page.getByRole('combobox', { name: 'Language' });
  // Each language by its own name, marked as that language.
  await expect(language.locator('option[value="zh-CN"]')).toHaveText('中文（简体）');
  await expect(language.locator('option[value="zh-CN"]')).toHaveAttribute('lang', 'zh-CN');
  await language.selectOption('zh-CN');
  await expect(app.page.getByRole('navigation', { name: 'Hako' }).getByRole('button', { name: '主页' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1, name: '首选项' })).toBeVisible();
  await page.getByRole('combobox', { name: '语言' }).selectOption('system');
  await expect(preferences.heading).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
