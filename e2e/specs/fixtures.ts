/**
 * The specs' test object: a page already on the browser host, wrapped in the HakoApp page object.
 * Every test also fails on an uncaught page error or a Content-Security-Policy violation: the host
 * serves the app's strict CSP, and the renderer must live within it.
 */
import { test as base, expect } from '@playwright/test';
import { HakoApp } from '../pages/index.js';
import { hostUrl } from '../support/vms.js';

export const test = base.extend<{ app: HakoApp }>({
  app: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text())) problems.push(`CSP: ${message.text()}`);
    });
    const app = new HakoApp(page);
    await app.goto(hostUrl());
    await use(app);
    expect(problems, 'page errors and CSP violations').toEqual([]);
  },
});

export { expect };
