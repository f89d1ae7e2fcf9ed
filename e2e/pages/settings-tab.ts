/** The Settings tab: sections, fields by label, the save bar, and the consent and conflict questions. */
import { expect, type Locator, type Page } from '@playwright/test';

export type SectionName =
  | 'General'
  | 'Storage'
  | 'Network'
  | 'Shared folders'
  | 'Display & GPU'
  | 'Security'
  | 'Hardware identity'
  | 'COM ports'
  | 'Enhanced session'
  | 'Keyboard'
  | 'Advanced';

export class SettingsTab {
  readonly sections: Locator;
  readonly saveBar: Locator;
  readonly saveButton: Locator;
  readonly discardButton: Locator;
  readonly status: Locator;
  readonly consentDialog: Locator;
  readonly conflictDialog: Locator;
  readonly preview: Locator;

  constructor(readonly page: Page) {
    this.sections = page.getByRole('navigation', { name: 'Settings sections' });
    this.saveBar = page.getByRole('region', { name: 'Save settings' });
    this.saveButton = this.saveBar.getByRole('button', { name: 'Save' });
    this.discardButton = this.saveBar.getByRole('button', { name: 'Discard' });
    this.status = this.saveBar.getByRole('status');
    this.consentDialog = page.getByRole('alertdialog', { name: 'Saving will change what the file says' });
    this.conflictDialog = page.getByRole('alertdialog', { name: 'The file changed on disk' });
    this.preview = page.getByLabel('File preview');
  }

  async section(name: SectionName): Promise<Locator> {
    await this.sections.getByRole('button', { name: new RegExp(`^${name.replace(/[&]/g, '\\$&')}`) }).click();
    const region = this.page.getByRole('region', { name, exact: true });
    await expect(region).toBeVisible();
    return region;
  }

  /** A number field (spin button) by its label. */
  number(label: string): Locator {
    return this.page.getByRole('spinbutton', { name: label, exact: true });
  }

  text(label: string): Locator {
    return this.page.getByRole('textbox', { name: label, exact: true });
  }

  select(label: string): Locator {
    return this.page.getByRole('combobox', { name: label, exact: true });
  }

  toggle(label: string): Locator {
    return this.page.getByRole('switch', { name: label, exact: true });
  }

  async expectSaved(): Promise<void> {
    await expect(this.status).toHaveText(/All changes saved/);
  }
}
