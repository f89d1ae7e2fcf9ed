/**
 * The library's lists are virtualized: only the rows near what can be seen are in the page. A test
 * reaches a row as a user with a mouse would: by scrolling its list until the row is drawn (the list's
 * scroller is the list's parent, renderer/src/features/library/VmList.tsx).
 */
import { expect, type Locator } from '@playwright/test';

/** Two frames: the scroll event, then the render it causes. */
const nextFrames = (list: Locator) => list.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));

/** Scrolls `list` from its top down until `row` (a locator inside it) is drawn; fails when it never is. */
export async function scrollToRow(list: Locator, row: Locator): Promise<void> {
  const scroller = list.locator('xpath=..');
  await expect(async () => {
    if ((await row.count()) > 0) return;
    await scroller.evaluate((element) => {
      element.scrollTop = 0;
    });
    for (;;) {
      await nextFrames(list);
      if ((await row.count()) > 0) return;
      const moved = await scroller.evaluate((element) => {
        const before = element.scrollTop;
        element.scrollTop = before + element.clientHeight * 0.8;
        return element.scrollTop !== before;
      });
      if (!moved) break;
    }
    expect(await row.count(), 'the row, anywhere in the list').toBeGreaterThan(0);
  }).toPass({ timeout: 10_000 });
}
