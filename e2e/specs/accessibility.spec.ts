/**
 * axe-core on every screen and dialog (support/tour.ts), in the light and dark themes and under
 * Windows' high-contrast themes (forced colours): no serious or critical violation anywhere.
 */
import { expectAccessible, type AxeSummary } from '../support/axe.js';
import { tour, tourCleanUp, tourVms } from '../support/tour.js';
import { wordsFor } from '../support/words.js';
import { test } from './fixtures.js';

const THEMES = [
  { name: 'light', media: { colorScheme: 'light', forcedColors: 'none' } },
  { name: 'dark', media: { colorScheme: 'dark', forcedColors: 'none' } },
  { name: 'forced-colors', media: { colorScheme: 'dark', forcedColors: 'active' } },
] as const;

for (const theme of THEMES) {
  test(`every screen and dialog passes axe (${theme.name})`, async ({ app, page }) => {
    test.setTimeout(240_000);
    const vms = await tourVms(app, theme.name);
    await page.emulateMedia(theme.media);
    const log: AxeSummary[] = [];
    await tour(page, wordsFor('en'), vms, (screen) => expectAccessible(page, `${screen} (${theme.name})`, log));
    await tourCleanUp(page, wordsFor('en'), vms);
    const minor = log.flatMap((s) => s.other.map((o) => `${s.screen}: ${o}`));
    if (minor.length > 0) console.log(`axe, moderate and minor (${theme.name}):\n${minor.join('\n')}`);
    console.log(`axe: ${log.length} screens and dialogs, 0 serious or critical (${theme.name})`);
  });
}
