import { expect, test } from './fixtures.js';
import { hostUrl } from '../support/vms.js';

test('the secret leaves the address bar, sets no cookie, and a reload keeps the page connected', async ({ app, page, context }) => {
  expect(page.url()).not.toContain('secret');
  expect(await context.cookies()).toEqual([]);
  await page.reload();
  await app.waitReady();
  expect(await page.evaluate(() => sessionStorage.getItem('hako.secret'))).toBe(new URLSearchParams(new URL(hostUrl()).hash.slice(1)).get('secret'));
});

test('a page without the secret says so and reaches nothing', async ({ browser }) => {
  const page = await browser.newPage();
  const url = new URL(hostUrl());
  await page.goto(`${url.origin}/`);
  await expect(page.getByText('Hako could not start its window')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Hako' })).toBeHidden();
  await page.close();
});
