/**
 * The specs' test object: a page already on the browser host, wrapped in the HakoApp page object.
 * Every test also fails on an uncaught page error or a Content-Security-Policy violation: the host
 * serves the app's strict CSP, and the renderer must live within it.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { HakoApp } from '../pages/index.js';
import { hostUrl } from '../support/vms.js';

/** The app on `url`, failing the test on a page error or a CSP violation meanwhile. */
export async function appOn(page: Page, url: string, use: (app: HakoApp) => Promise<void>): Promise<void> {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
  });
  const app = new HakoApp(page);
  await app.goto(url);
  await use(app);
  expect(problems, 'page errors and CSP violations').toEqual([]);
}

export const test = base.extend<{ app: HakoApp }>({
  app: async ({ page }, use) => appOn(page, hostUrl(), use),
});

export { expect };
