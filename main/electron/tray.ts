/**
 * The notification-area icon: grey box when no VM runs, blue box with a green dot when one does; its
 * menu has one submenu per known VM (state in the label; show, connect, start, shut down, turn off,
 * pause, resume, save as the VM's state allows), "Open Hako" and "Quit". Actions go through the same
 * contract calls the renderer uses. The menu is rebuilt when a VM changes.
 */
import path from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { Dispatch } from '../../app/ipc/dispatch.js';
import { drawIcon, TRAY_SCALES } from './icon-art.js';
import { encodePng } from './image-codec.js';
import type { ShellLog } from './log.js';
import { trayModel, type TrayAction, type TrayModel } from './tray-model.js';
import { call } from './services.js';
import type { ShellState } from './shell-state.js';
import type { Translator } from '../../app/i18n/translator.js';

export interface TrayOptions {
  readonly dispatch: Dispatch;
  readonly state: ShellState;
  readonly log: ShellLog;
  readonly openHako: () => void;
  readonly showVm: (path: string) => void;
  readonly quit: () => void;
  /** Tells the user an action failed (a tray action has no window to show it in). */
  readonly reportError: (title: string, message: string) => void;
  /** The shell's words in the user's language now (it follows the preference). */
  readonly translator: () => Translator;
}

function trayImage(running: boolean): NativeImage {
  const image = nativeImage.createEmpty();
  for (const { scaleFactor, size } of TRAY_SCALES) {
    image.addRepresentation({ scaleFactor, buffer: encodePng(drawIcon(running ? 'tray-running' : 'tray-idle', size)) });
  }
  return image;
}

export class HakoTray {
  private readonly tray: Tray;
  private readonly images = { idle: trayImage(false), running: trayImage(true) };
  private readonly unsubscribe: () => void;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: TrayOptions) {
    this.tray = new Tray(this.images.idle);
    this.tray.setToolTip(options.translator().t('tray.tooltip'));
    this.tray.on('click', () => options.openHako());
    this.render(trayModel(options.state.all, options.translator()));
    this.unsubscribe = options.state.onChange(() => this.refresh());
  }

  /** Rebuilds soon (several changes in a burst make one rebuild). */
  private refresh(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.render(trayModel(this.options.state.all, this.options.translator()));
    }, 100);
  }

  private render(model: TrayModel): void {
    if (this.tray.isDestroyed()) return;
    const tr = this.options.translator();
    this.tray.setImage(model.anyRunning ? this.images.running : this.images.idle);
    this.tray.setToolTip(model.tooltip);
    const vmItems: MenuItemConstructorOptions[] = model.vms.map((vm) => ({
      label: vm.label.replace(/&/g, '&&'),
      submenu: vm.actions.map((item) => ({
        label: item.label,
        enabled: item.enabled,
        click: () => void this.act(vm.path, item.action),
      })),
    }));
    const template: MenuItemConstructorOptions[] = [
      { label: tr.t('tray.open'), click: () => this.options.openHako() },
      { type: 'separator' },
      ...(vmItems.length > 0 ? vmItems : [{ label: tr.t('tray.empty'), enabled: false }]),
      { type: 'separator' },
      { label: tr.t('tray.quit'), click: () => this.options.quit() },
    ];
    this.tray.setContextMenu(Menu.buildFromTemplate(template));
  }

  private async act(vmPath: string, action: TrayAction): Promise<void> {
    const { dispatch, log } = this.options;
    try {
      switch (action) {
        case 'show':
          this.options.showVm(vmPath);
          return;
        case 'connect': {
          const mode = await call(dispatch, 'session.getMode', { path: vmPath });
          await call(dispatch, 'session.connect', { path: vmPath, mode });
          return;
        }
        case 'start':
          await call(dispatch, 'vm.start', { path: vmPath });
          return;
        case 'shutdown':
          await call(dispatch, 'vm.shutdown', { path: vmPath });
          return;
        case 'powerOff':
          await call(dispatch, 'vm.powerOff', { path: vmPath });
          return;
        case 'pause':
          await call(dispatch, 'vm.pause', { path: vmPath });
          return;
        case 'resume':
          await call(dispatch, 'vm.resume', { path: vmPath });
          return;
        case 'save':
          await call(dispatch, 'vm.save', { path: vmPath });
          return;
      }
    } catch (error) {
      log.error(`tray: ${action} ${vmPath} failed`, error);
      const tr = this.options.translator();
      this.options.reportError(tr.t('tray.failed', { action, name: path.basename(vmPath) }), error instanceof Error ? error.message : String(error));
    } finally {
      this.options.state.scheduleRefresh();
    }
  }

  destroy(): void {
    this.unsubscribe();
    if (this.timer !== null) clearTimeout(this.timer);
    if (!this.tray.isDestroyed()) this.tray.destroy();
  }
}
