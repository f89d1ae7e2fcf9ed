import type { Page } from '@playwright/test';
import { smallVm } from '../support/vms.js';
import { expect, test } from './fixtures.js';

/** Counts the vm.statistics calls the page sends over the host's WebSocket. */
function countStatisticsCalls(page: Page): () => number {
  let count = 0;
  page.on('websocket', (socket) => {
    socket.on('framesent', (frame) => {
      if (typeof frame.payload === 'string' && frame.payload.includes('"channel":"hako:vm.statistics"')) count++;
    });
  });
  return () => count;
}

async function setVisibility(page: Page, state: 'visible' | 'hidden'): Promise<void> {
  // What the browser does when the tab goes to the background or the window is minimised.
  await page.evaluate((next) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => next });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => next === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}

/** Two reading intervals and a little more: a poller that still ran would have asked twice. */
const QUIET_MS = 4_500;

test('live charts appear for a running VM, update while shown, and stop when hidden', async ({ app, page }) => {
  const calls = countStatisticsCalls(page);
  await page.reload();
  await app.waitReady();
  const vm = await smallVm('E2E Live');
  const vmPage = await app.openVm(vm.path, vm.name);
  const live = page.getByRole('region', { name: 'Live' });
  await expect(live).toBeHidden();
  expect(calls()).toBe(0);

  await vmPage.run('Start');
  await vmPage.expectState('Running');
  const uptime = live.getByRole('region', { name: 'Running for' });
  await expect(uptime).toHaveText(/Running for\s*0:00:0\d/);
  await expect(live.getByRole('img', { name: /^Processor use over the last 2 minutes: now \d/ })).toBeVisible();
  await expect(live.getByRole('img', { name: /^Memory in use over the last 2 minutes: now .+ of 512 MB$/ })).toBeVisible();
  const first = (await uptime.textContent()) ?? '';
  await expect(uptime).not.toHaveText(first);
  await expect.poll(calls).toBeGreaterThanOrEqual(2);

  // Another tab: nothing is read.
  await vmPage.tab('Events').click();
  let before = calls();
  await page.waitForTimeout(QUIET_MS);
  expect(calls()).toBe(before);

  // Back on the Overview it reads again; a hidden page reads nothing.
  await vmPage.openOverview();
  await expect.poll(calls).toBeGreaterThan(before);
  await setVisibility(page, 'hidden');
  before = calls();
  await page.waitForTimeout(QUIET_MS);
  expect(calls()).toBe(before);
  await setVisibility(page, 'visible');
  await expect.poll(calls).toBeGreaterThan(before);

  // Another page: nothing.
  await app.showHome();
  before = calls();
  await page.waitForTimeout(QUIET_MS);
  expect(calls()).toBe(before);

  // A stopped VM has no live figures, and none are read.
  await app.showVm(vm.name);
  await vmPage.powerOff();
  await vmPage.expectState('Stopped');
  await expect(live).toBeHidden();
  before = calls();
  await page.waitForTimeout(QUIET_MS);
  expect(calls()).toBe(before);
});
