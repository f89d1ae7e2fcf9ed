/** A VM's Screen tab: the screen inside Hako (features/screen), its toolbar, and the picture's canvas. */
import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test';

export class ConsoleTab {
  readonly toolbar: Locator;
  readonly frame: FrameLocator;
  readonly frameElement: Locator;
  readonly status: Locator;

  constructor(
    readonly page: Page,
    readonly vmName: string,
  ) {
    this.toolbar = page.getByRole('toolbar', { name: 'Screen', exact: true });
    this.frameElement = page.getByTitle(`Screen of ${vmName}`);
    this.frame = page.frameLocator(`iframe[title="Screen of ${vmName}"]`);
    this.status = page.getByRole('tabpanel').getByRole('status').last();
  }

  mode(name: 'Basic' | 'Enhanced'): Locator {
    return this.toolbar.getByRole('radiogroup', { name: 'Session mode' }).getByRole('radio', { name });
  }

  button(name: string): Locator {
    return this.toolbar.getByRole('button', { name, exact: true });
  }

  /** Chooses the mode and connects; resolves once the picture shows (the status names its size). */
  async connect(mode: 'Basic' | 'Enhanced'): Promise<void> {
    await this.mode(mode).check();
    await expect(this.button('Connect')).toBeEnabled({ timeout: 30_000 });
    await this.button('Connect').click();
  }

  async expectConnected(): Promise<void> {
    await expect(this.status).toContainText(/Screen \d+ × \d+/, { timeout: 30_000 });
  }

  /** The canvas IronRDP paints into (inside its web component's open shadow root). */
  canvasPixels(points: readonly (readonly [number, number])[]): Promise<{ width: number; height: number; pixels: [number, number, number][] }> {
    return this.frameElement.evaluate((iframe, list) => {
      const doc = (iframe as HTMLIFrameElement).contentDocument!;
      const canvas = doc.querySelector('iron-remote-desktop')!.shadowRoot!.querySelector('canvas')!;
      const copy = doc.createElement('canvas');
      copy.width = canvas.width;
      copy.height = canvas.height;
      const context = copy.getContext('2d')!;
      context.drawImage(canvas, 0, 0);
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      return {
        width: canvas.width,
        height: canvas.height,
        pixels: list.map(([x, y]) => {
          const i = (y * canvas.width + x) * 4;
          return [data[i]!, data[i + 1]!, data[i + 2]!] as [number, number, number];
        }),
      };
    }, points as [number, number][]);
  }

  /** Where the picture is drawn in the frame, and the frame's size (CSS pixels). */
  canvasBox(): Promise<{ left: number; top: number; right: number; bottom: number; frameWidth: number; frameHeight: number }> {
    return this.frameElement.evaluate((iframe) => {
      const doc = (iframe as HTMLIFrameElement).contentDocument!;
      const box = doc.querySelector('iron-remote-desktop')!.shadowRoot!.querySelector('canvas')!.getBoundingClientRect();
      const view = (iframe as HTMLIFrameElement).contentWindow!;
      return { left: box.left, top: box.top, right: box.right, bottom: box.bottom, frameWidth: view.innerWidth, frameHeight: view.innerHeight };
    });
  }

  /** Clicks the picture, so the keyboard goes to the VM. */
  async focusScreen(): Promise<void> {
    await this.frame.locator('iron-remote-desktop').click({ position: { x: 200, y: 200 } });
  }
}
