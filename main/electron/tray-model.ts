/**
 * The tray menu's content, from the VMs the shell knows: one submenu per VM with its state and the
 * actions that state allows, named as the window names them (the same catalogue, app/i18n).
 */
import { actionLabel, stateLabel } from '../../app/i18n/text.js';
import type { Translator } from '../../app/i18n/translator.js';
import { isLive } from '../../app/vm/state.js';
import { displayName, type VmSummary } from './shell-state.js';

export type TrayAction = 'show' | 'start' | 'connect' | 'shutdown' | 'powerOff' | 'pause' | 'resume' | 'save';

export interface TrayVmItem {
  readonly path: string;
  readonly label: string;
  readonly actions: readonly { readonly action: TrayAction; readonly label: string; readonly enabled: boolean }[];
}

export interface TrayModel {
  readonly anyRunning: boolean;
  readonly tooltip: string;
  readonly vms: readonly TrayVmItem[];
}

const TRAY_ACTIONS: readonly Exclude<TrayAction, 'show' | 'connect'>[] = ['start', 'shutdown', 'powerOff', 'pause', 'resume', 'save'];

/** The tray menu's content: one submenu per known VM, its state in the label, its possible actions. */
export function trayModel(vms: readonly VmSummary[], tr: Translator): TrayModel {
  const running = vms.filter((vm) => isLive(vm.state)).length;
  const items = [...vms]
    .map((vm) => ({ vm, name: displayName(vm) }))
    .sort((a, b) => a.name.localeCompare(b.name, tr.locale))
    .map(({ vm, name }): TrayVmItem => ({
      path: vm.path,
      label: tr.t('tray.vm', { name, state: stateLabel(tr, vm.state) }),
      actions: [
        { action: 'show', label: tr.t('tray.show'), enabled: true },
        { action: 'connect', label: tr.t('tray.connect'), enabled: vm.state === 'Running' },
        ...TRAY_ACTIONS.map((action) => ({ action, label: actionLabel(tr, action), enabled: vm.actions.includes(action) })),
      ],
    }));
  const tooltip = running === 0 ? tr.t('tray.tooltip') : tr.t('tray.tooltip.running', { count: running });
  return { anyRunning: running > 0, tooltip, vms: items };
}
