/**
 * Where journeys leave the screenshots a person looks at (HAKO_SCREENSHOTS_DIR, else
 * out/e2e/screenshots), and how they take one: fonts loaded, animations finished, no caret.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Page } from '@playwright/test';

export const SCREENSHOTS_DIR = path.resolve(import.meta.dirname, '../..', process.env.HAKO_SCREENSHOTS_DIR ?? 'out/e2e/screenshots');

/** `name`.png in `dir`; `name` may start with a folder, made if missing. */
export async function screenshot(page: Page, name: string, dir: string = SCREENSHOTS_DIR): Promise<void> {
  const file = path.join(dir, `${name}.png`);
  await mkdir(path.dirname(file), { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
}
