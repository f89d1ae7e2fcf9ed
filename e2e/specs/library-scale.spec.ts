/**
 * A library of 1,000 VMs (a host of its own: e2e/support/big-host.ts), as a user with a lab works
 * through it: searching by name, guest and path; filtering by state and sorting; selecting many VMs and
 * acting on them at once with a result per VM; and moving through the pane and the grid by keyboard.
 * Also renders the start page with 1,000 VMs (light, dark, 1024×700) into out/e2e/screenshots.
 */
import path from 'node:path';
import { matches } from '../../test/support/big-library.js';
import { LibraryHome } from '../pages/index.js';
import { BIG_LIBRARY_SIZE, expect, test } from '../support/big-host.js';
import { clippedFocusRing } from '../support/layout.js';
import { screenshot } from '../support/screenshots.js';

test.describe.configure({ mode: 'serial' });

test('search finds VMs by name, guest and path, and Show all brings the library back', async ({ app, page, bigHost }) => {
  const home = new LibraryHome(page);
  await expect(app.libraryEntry('Lab VM 0001')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('1,000 VMs in the library');

  await home.search.fill('vm 004');
  await expect(home.shownStatus).toHaveText('10 of 1,000 shown');
  // The pane draws the rows in view: they are the first matches, in order, of a list of 10.
  await expect.poll(() => app.libraryCount()).toBe(10);
  await expect(app.libraryEntry('Lab VM 0040')).toBeVisible();
  expect(await home.cardNames()).toEqual(Array.from({ length: 10 }, (_, i) => `Lab VM 004${i}`));

  // The guest: every Windows VM whose file can be read.
  const windows = bigHost.vms.filter((vm) => matches(vm, 'windows'));
  await home.search.fill('Windows');
  await expect(home.shownStatus).toHaveText(`${windows.length} of 1,000 shown`);
  await expect(app.libraryEntry(windows[0]!.name)).toBeVisible();

  // The path: the folder vm-77 holds one VM.
  await home.search.fill(`${path.sep}vm-77${path.sep}`);
  await expect(home.shownStatus).toHaveText('1 of 1,000 shown');
  expect(await home.cardNames()).toEqual(['Lab VM 0077']);

  await home.search.fill('no such vm');
  await expect(app.nav).toContainText('No VM matches.');
  await app.nav.getByRole('button', { name: 'Show all' }).click();
  await expect(home.search).toHaveValue('');
  await expect(home.shownStatus).toBeHidden();
  await expect(app.libraryEntry('Lab VM 0001')).toBeVisible();
});

test('bulk start and power off act on each selected VM and say how each went; the state filter and the sort follow', async ({ app, page }) => {
  const home = new LibraryHome(page);
  const ten = Array.from({ length: 10 }, (_, i) => `Lab VM 001${i}`);
  await home.search.fill('vm 001');
  await expect(home.shownStatus).toHaveText('10 of 1,000 shown');
  await home.selectAllShown.check();
  await expect(home.bulk).toContainText('10 selected');

  // Lab VM 0013 names a save file that is not there: its start fails, the others start.
  const started = await home.runBulk('Start');
  await expect(started.getByRole('heading')).toHaveText('Start: 9 done and 1 failed');
  for (const name of ten.filter((n) => n !== 'Lab VM 0013')) await expect(home.result(started, name)).toContainText('Started');
  await expect(home.result(started, 'Lab VM 0013')).toContainText('Failed:');
  await expect(app.libraryEntry('Lab VM 0010')).toHaveAccessibleName('Lab VM 0010 Running');
  await screenshot(page, 'library-bulk-results');

  // The state filter: only the running ones; the pane follows.
  await home.stateFilter.selectOption({ label: 'Running' });
  await expect(home.shownStatus).toHaveText('9 of 1,000 shown');
  expect(await home.cardNames()).toEqual(ten.filter((n) => n !== 'Lab VM 0013'));
  await home.stateFilter.selectOption({ label: 'Needs attention' });
  expect(await home.cardNames()).toEqual(['Lab VM 0013']);
  await home.stateFilter.selectOption({ label: 'All states' });

  // Sorted by state, the failed one comes after the running ones; by last start, the never started last.
  await home.sort.selectOption({ label: 'State' });
  await expect.poll(() => home.cardNames()).toEqual([...ten.filter((n) => n !== 'Lab VM 0013'), 'Lab VM 0013']);
  await home.sort.selectOption({ label: 'Last started' });
  await expect.poll(async () => (await home.cardNames()).at(-1)).toBe('Lab VM 0013');
  await home.sort.selectOption({ label: 'Name' });
  await expect.poll(() => home.cardNames()).toEqual(ten);

  // Power off is a hard power cut: asked first, then each VM answers for itself.
  await home.bulk.getByRole('button', { name: 'Power off', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Power off 10 VMs?' });
  await expect(confirm).toContainText('hard power cut');
  await confirm.getByRole('button', { name: 'Power off' }).click();
  const stopped = page.getByRole('region', { name: /^Power off: / });
  await expect(stopped.getByRole('heading')).toHaveText('Power off: 9 done and 1 skipped');
  await expect(home.result(stopped, 'Lab VM 0011')).toContainText('Powered off');
  await expect(home.result(stopped, 'Lab VM 0013')).toContainText('Skipped: not possible while it is Error');
  await expect(app.libraryEntry('Lab VM 0010')).toHaveAccessibleName('Lab VM 0010 Stopped');

  await stopped.getByRole('button', { name: 'Close the results' }).click();
  await expect(stopped).toBeHidden();
  await home.bulk.getByRole('button', { name: 'Clear selection' }).click();
  await expect(home.bulk).toBeHidden();
  await app.nav.getByRole('button', { name: 'Show all' }).click();
});

test('bulk save and shut down: each selected VM saves, starts again and shuts down through its guest', async ({ app, page }) => {
  const home = new LibraryHome(page);
  // Three VMs that start cleanly (Lab VM 0023 names a missing save file, so it is left out).
  const three = ['Lab VM 0020', 'Lab VM 0021', 'Lab VM 0022'];
  await home.search.fill('vm 002');
  await expect(home.shownStatus).toHaveText('10 of 1,000 shown');
  for (const name of three) await home.card(name).getByRole('checkbox', { name: `Select ${name}` }).check();
  await expect(home.bulk).toContainText('3 selected');

  const started = await home.runBulk('Start');
  await expect(started.getByRole('heading')).toHaveText('Start: 3 done');
  await started.getByRole('button', { name: 'Close the results' }).click();

  const saved = await home.runBulk('Save');
  await expect(saved.getByRole('heading')).toHaveText('Save: 3 done');
  for (const name of three) {
    await expect(home.result(saved, name)).toContainText('Saved');
    await expect(app.libraryEntry(name)).toHaveAccessibleName(`${name} Saved`);
  }
  await saved.getByRole('button', { name: 'Close the results' }).click();

  // Start again (from the saved state); shut down asks each guest, which turns itself off.
  const resumed = await home.runBulk('Start');
  await expect(resumed.getByRole('heading')).toHaveText('Start: 3 done');
  await resumed.getByRole('button', { name: 'Close the results' }).click();
  const shut = await home.runBulk('Shut down');
  await expect(shut.getByRole('heading')).toHaveText('Shut down: 3 done');
  for (const name of three) {
    await expect(home.result(shut, name)).toContainText('Shut down');
    await expect(app.libraryEntry(name)).toHaveAccessibleName(`${name} Stopped`);
  }
  await shut.getByRole('button', { name: 'Close the results' }).click();
  await home.bulk.getByRole('button', { name: 'Clear selection' }).click();
  await app.nav.getByRole('button', { name: 'Show all' }).click();
});

test('the pane and the grid are one Tab stop each; arrows, Home, End and typing a name move through 1,000 VMs', async ({ app, page }) => {
  const home = new LibraryHome(page);
  await expect(app.libraryEntry('Lab VM 0001')).toBeVisible();
  // The pane's Tab stop is the page showing (Home); Down enters the library.
  await page.keyboard.press('Control+l');
  await expect(app.nav.getByRole('button', { name: 'Home' })).toBeFocused();
  // One Tab stop, also when the list scrolls: Tab leaves the pane, Shift+Tab comes back to Home.
  await page.keyboard.press('Tab');
  expect(await app.nav.evaluate((nav) => nav.contains(document.activeElement))).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(app.nav.getByRole('button', { name: 'Home' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(app.libraryEntry('Lab VM 0001')).toBeFocused();
  expect(await clippedFocusRing(page)).toBeNull();
  // End goes to the last entry of the pane; Up from there passes the app's pages and reaches the last VM, far down the list.
  await page.keyboard.press('End');
  await expect(app.nav.getByRole('button', { name: 'Preferences' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(app.nav.getByRole('button', { name: 'Diagnostics' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(app.nav.getByRole('button', { name: 'Virtual switches' })).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(app.libraryEntry('Lab VM 1000')).toBeFocused();
  expect(await clippedFocusRing(page)).toBeNull();
  // Typing a name jumps to it.
  await page.keyboard.type('Lab VM 05');
  await expect(app.libraryEntry('Lab VM 0500')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Lab VM 0500' })).toBeVisible();
  // Now the VM's entry is the pane's one Tab stop: Tab leaves the pane.
  await page.keyboard.press('Tab');
  expect(await app.nav.evaluate((nav) => nav.contains(document.activeElement))).toBe(false);

  // The grid: one Tab stop; Right, Down (a row of cards), End.
  await app.showHome();
  const first = home.card('Lab VM 0001').getByRole('button').first();
  await home.stateFilter.focus();
  await page.keyboard.press('Tab');
  await expect(first).toBeFocused();
  expect(await clippedFocusRing(page)).toBeNull();
  await page.keyboard.press('ArrowRight');
  await expect(home.card('Lab VM 0002').getByRole('button').first()).toBeFocused();
  await page.keyboard.press('End');
  await expect(home.card('Lab VM 1000').getByRole('button').first()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
  // Tab goes on to the card's box, its Start, and then out of the grid.
  await page.keyboard.press('Tab');
  await expect(home.card('Lab VM 0001').getByRole('checkbox', { name: 'Select Lab VM 0001' })).toBeFocused();
  expect(await clippedFocusRing(page)).toBeNull();
  await page.keyboard.press('Tab');
  await expect(home.card('Lab VM 0001').getByRole('button', { name: 'Start Lab VM 0001' })).toBeFocused();
  expect(await clippedFocusRing(page)).toBeNull();
  await page.keyboard.press('Tab');
  expect(await home.grid.evaluate((grid) => grid.contains(document.activeElement))).toBe(false);
});

test('screenshots of a library of 1,000 VMs: light, dark, 1024×700', async ({ app, page }) => {
  await expect(app.libraryEntry('Lab VM 0001')).toBeVisible();
  expect(BIG_LIBRARY_SIZE).toBe(1_000);
  await screenshot(page, 'library-1000-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, 'library-1000-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1024, height: 700 });
  await new LibraryHome(page).search.fill('lab vm 00');
  await screenshot(page, 'library-1000-1024x700');
});
