/** The Preferences page. */
import { type Locator, type Page } from '@playwright/test';

export class PreferencesPage {
  readonly heading: Locator;
  readonly theme: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Preferences' });
    this.theme = page.getByRole('radiogroup', { name: 'Theme' });
  }

  async setTheme(label: 'Use system setting' | 'Light' | 'Dark'): Promise<void> {
    await this.theme.getByRole('radio', { name: label }).check();
  }
}
