/** The Diagnostics page: facts about the host as definition lists inside named cards. */
import { type Locator, type Page } from '@playwright/test';

export class DiagnosticsPage {
  readonly heading: Locator;
  readonly standInNotice: Locator;
  readonly host: Locator;
  readonly hcs: Locator;
  readonly optionalFunctions: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Diagnostics' });
    this.standInNotice = page.getByRole('region', { name: 'Running on the stand-ins' });
    this.host = page.getByRole('region', { name: 'Host', exact: true });
    this.hcs = page.getByRole('region', { name: 'Host Compute Service' });
    this.optionalFunctions = page.getByRole('list', { name: 'Optional functions' });
  }

  /** The value next to a term in a card's definition list (the <dd> after the <dt>). */
  fact(card: Locator, term: string): Locator {
    return card.locator(`dt:text-is(${JSON.stringify(term)}) + dd`);
  }
}
