/** The New VM wizard: its steps by heading, its fields by label, Create and what follows. */
import { expect, type Locator, type Page } from '@playwright/test';

export type PresetTitle = 'Windows 11 or Windows Server 2025' | 'Windows 10 or an older Windows Server' | 'Linux' | 'Other';

export interface NewVmChoices {
  readonly name: string;
  readonly folder: string;
  readonly preset: PresetTitle;
  readonly processors?: number;
  readonly memoryMb?: number;
  /** A new disk of this many GB (dynamic unless `fixed`), an existing one by path, or none. */
  readonly disk: { readonly sizeGb: number; readonly fixed?: boolean } | { readonly path: string } | 'none';
  readonly iso?: string;
  /** The network's option as the list names it; the default switch unless given. */
  readonly network?: string;
}

export class NewVmWizard {
  readonly heading: Locator;
  readonly steps: Locator;
  readonly next: Locator;
  readonly back: Locator;
  readonly createButton: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'New virtual machine' });
    this.steps = page.getByRole('navigation', { name: 'Steps' });
    this.next = page.getByRole('button', { name: 'Next', exact: true });
    this.back = page.getByRole('button', { name: 'Back', exact: true });
    this.createButton = page.getByRole('button', { name: 'Create', exact: true });
  }

  /** The current step, by its heading. */
  step(title: string): Locator {
    return this.page.getByRole('main').getByRole('heading', { level: 2, name: title, exact: true });
  }

  field(label: string): Locator {
    return this.page.getByRole('main').getByLabel(label, { exact: true });
  }

  async expectStep(title: string): Promise<void> {
    await expect(this.step(title)).toBeVisible();
    await expect(this.steps.getByRole('button', { name: new RegExp(`${title}$`) })).toHaveAttribute('aria-current', 'step');
  }

  /** Fills every step from `choices` and stops at the summary. */
  async fill(choices: NewVmChoices): Promise<void> {
    await this.expectStep('Name');
    await this.field('Name').fill(choices.name);
    await this.next.click();

    await this.expectStep('Location');
    await this.field('Folder').fill(choices.folder);
    await this.next.click();

    await this.expectStep('System and hardware');
    await this.page.getByRole('radio', { name: choices.preset }).check();
    if (choices.processors !== undefined) await this.field('Processors').fill(String(choices.processors));
    if (choices.memoryMb !== undefined) await this.field('Memory').fill(String(choices.memoryMb));
    await this.next.click();

    await this.expectStep('Virtual hard disk');
    const disks = this.page.getByRole('radiogroup', { name: 'Virtual hard disk' });
    if (choices.disk === 'none') {
      await disks.getByRole('radio', { name: 'No disk' }).check();
    } else if ('path' in choices.disk) {
      await disks.getByRole('radio', { name: 'Use an existing disk' }).check();
      await this.field('Disk file').fill(choices.disk.path);
    } else {
      await disks.getByRole('radio', { name: 'Create a new disk' }).check();
      await this.field('Size').fill(String(choices.disk.sizeGb));
      const fixed = this.page.getByRole('switch', { name: 'Allocate all space now (fixed size)' });
      if (choices.disk.fixed) await fixed.check();
      else await fixed.uncheck();
    }
    await this.next.click();

    await this.expectStep('Installation media');
    const media = this.page.getByRole('radiogroup', { name: 'Install the operating system' });
    if (choices.iso !== undefined) {
      await media.getByRole('radio', { name: 'From an image file (.iso)' }).check();
      await this.field('Image file').fill(choices.iso);
    } else {
      await media.getByRole('radio', { name: 'Later' }).check();
    }
    await this.next.click();

    await this.expectStep('Network');
    if (choices.network !== undefined) await this.page.getByRole('combobox', { name: 'Network' }).selectOption({ label: choices.network });
    await this.next.click();

    await this.expectStep('Summary');
  }

  /** The summary's list of the files that will be made. */
  plannedFiles(): Locator {
    return this.page.getByRole('list', { name: 'Files Hako creates' });
  }

  /** Creates, and waits for "<name> is ready". */
  async create(name: string): Promise<void> {
    await this.createButton.click();
    await expect(this.step(`${name} is ready`)).toBeVisible({ timeout: 30_000 });
  }
}
