/**
 * The accessibility check of every screen and dialog: axe-core over the page as it is, failing on any
 * serious or critical violation (WCAG 2.x A and AA, best practices, and axe's experimental rules, among
 * them the one that wants a control's accessible name to contain its visible text). Moderate and minor
 * findings are logged, not failed on.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice', 'experimental'];

export interface AxeSummary {
  readonly screen: string;
  readonly serious: readonly string[];
  readonly other: readonly string[];
}

export async function scan(page: Page, screen: string): Promise<AxeSummary> {
  // Let transitions settle (motion is reduced, but a dialog's backdrop fades in one frame).
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  const results = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const describe = (v: (typeof results.violations)[number]) => `${v.impact} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`;
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(describe);
  const other = results.violations.filter((v) => v.impact !== 'serious' && v.impact !== 'critical').map(describe);
  return { screen, serious, other };
}

/** Scans, and fails on a serious or critical violation (naming the screen, the rule and the elements). */
export async function expectAccessible(page: Page, screen: string, log?: AxeSummary[]): Promise<void> {
  const summary = await scan(page, screen);
  log?.push(summary);
  expect(summary.serious, `axe: serious or critical violations on ${screen}`).toEqual([]);
}
