/**
 * Every screen and dialog (support/tour.ts), tabbed through: each control that takes focus shows a
 * focus ring that nothing cuts off (a card, a list or a dialog clips what is drawn beyond it), and
 * nothing is drawn over it (a menu left open, the settings' save bar over what focus scrolled to, which
 * the smallest window shows best).
 */
import { clippedFocusRing, obscuredFocus } from '../support/layout.js';
import { tour, tourCleanUp, tourVms } from '../support/tour.js';
import { smallVm } from '../support/vms.js';
import { wordsFor } from '../support/words.js';
import { expect, test } from './fixtures.js';

/** Tab presses on each screen: past its first controls, into what it scrolls. */
const TABS = 40;

test('every control that takes focus shows its whole focus ring, uncovered, on every screen and dialog', async ({ app, page }) => {
  test.setTimeout(300_000);
  const vms = await tourVms(app, 'focus');
  const w = wordsFor('en');
  const problems = new Set<string>();
  await tour(page, w, vms, async (screen) => {
    for (let i = 0; i < TABS; i++) {
      await page.keyboard.press('Tab');
      for (const problem of [await clippedFocusRing(page), await obscuredFocus(page)]) if (problem !== null) problems.add(`${screen}: ${problem}`);
    }
  });
  await tourCleanUp(page, w, vms);
  expect([...problems]).toEqual([]);
});

test.describe('at 1024×700', () => {
  test.use({ viewport: { width: 1024, height: 700 } });

  test('what focus reaches in the settings stops above the save bar, not under it', async ({ app, page }) => {
    const vm = await smallVm('E2E Focus Settings', { ChipsetInformation: { SerialNumber: 'LAB-1' }, NetworkAdapters: [{ Connected: true }, { Connected: true }] });
    const settings = await (await app.openVm(vm.path, vm.name)).openSettings();
    const problems: string[] = [];
    for (const name of ['Hardware identity', 'Network', 'Storage', 'Advanced'] as const) {
      // From the section's entry in the settings' navigation, Tab goes through its form.
      await settings.section(name);
      for (let i = 0; i < TABS; i++) {
        await page.keyboard.press('Tab');
        const problem = await obscuredFocus(page);
        if (problem !== null) problems.push(`${name}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

