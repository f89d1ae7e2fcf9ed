/**
 * The library as a whole: the pane's search box, the start page's sort, state filter, selection and
 * bulk actions, its grid of cards and the per-VM results of a bulk action.
 */
import { expect, type Locator, type Page } from '@playwright/test';
import { escape } from './hako-app.js';

export type BulkLabel = 'Start' | 'Shut down' | 'Save' | 'Power off';

export class LibraryHome {
  readonly search: Locator;
  /** "12 of 1,000 shown", in the pane. */
  readonly shownStatus: Locator;
  readonly grid: Locator;
  readonly sort: Locator;
  readonly stateFilter: Locator;
  readonly selectAllShown: Locator;
  readonly bulk: Locator;

  constructor(readonly page: Page) {
    this.search = page.getByRole('complementary').getByRole('searchbox', { name: 'Search VMs' });
    this.shownStatus = page.getByRole('navigation', { name: 'Hako' }).getByRole('status');
    this.grid = page.getByRole('main').getByRole('list', { name: 'Library' });
    this.sort = page.getByRole('main').getByRole('combobox', { name: 'Sort by' });
    this.stateFilter = page.getByRole('main').getByRole('combobox', { name: 'State' });
    this.selectAllShown = page.getByRole('main').getByRole('checkbox', { name: 'Select all shown' });
    this.bulk = page.getByRole('group', { name: 'Selected VMs' });
  }

  /** A VM's card: its main button is named by what it shows, the name first. */
  card(name: string): Locator {
    return this.grid.getByRole('listitem').filter({ has: this.page.getByRole('button', { name: new RegExp(`^${escape(name)} `) }) });
  }

  /** The names on the cards now in the grid, in order (each card's box is "Select <name>"). */
  async cardNames(): Promise<string[]> {
    const boxes = await this.grid.getByRole('checkbox').all();
    return Promise.all(boxes.map(async (box) => ((await box.getAttribute('aria-label')) ?? '').replace(/^Select /, '')));
  }

  async runBulk(label: BulkLabel): Promise<Locator> {
    await this.bulk.getByRole('button', { name: label, exact: true }).click();
    const results = this.page.getByRole('region', { name: new RegExp(`^${escape(label)}: `) });
    await expect(results).toBeVisible();
    return results;
  }

  /** One VM's line in a bulk action's results. */
  result(results: Locator, name: string): Locator {
    return results.getByRole('listitem').filter({ hasText: new RegExp(`^${escape(name)}`) });
  }
}
