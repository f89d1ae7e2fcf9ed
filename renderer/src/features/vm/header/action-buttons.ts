/**
 * Which commands a VM's header shows. The service decides what is allowed (`snapshot.actions`, from
 * app/vm/state.ts); the header only presents it, named by the catalogue as the tray names them too.
 */
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import type { VmAction } from '../../../../../app/vm/state.js';
import type { ButtonVariant } from '../../../kit/Button/Button.js';
import type { IconName } from '../../../kit/Icon/Icon.js';

export const ACTION_ICONS: Readonly<Record<VmAction, IconName>> = {
  start: 'play',
  resume: 'play',
  shutdown: 'power',
  powerOff: 'plug',
  pause: 'pause',
  save: 'save',
  restart: 'restart',
  crash: 'bolt',
  reload: 'refresh',
};

/** Actions that need the user to confirm first. */
export const CONFIRMED_ACTIONS: ReadonlySet<VmAction> = new Set(['powerOff', 'restart', 'crash']);

/** The header's buttons, in order; start and resume share the first slot. */
export const PRIMARY_ACTIONS: readonly VmAction[] = ['start', 'resume', 'shutdown', 'pause', 'save', 'restart', 'powerOff'];

/**
 * The order in which the header's buttons stay when the window narrows: the first always shows, the
 * last goes into the "More" menu first.
 */
export const COLLAPSE_PRIORITY: readonly VmAction[] = ['start', 'resume', 'shutdown', 'powerOff', 'pause', 'save', 'restart'];

/** Actions that live in the header's "More" menu. */
export const SECONDARY_ACTIONS: readonly VmAction[] = ['reload', 'crash'];

export interface ActionButton {
  readonly action: VmAction;
  readonly enabled: boolean;
  readonly variant: ButtonVariant;
}

const variantOf = (action: VmAction): ButtonVariant =>
  action === 'start' || action === 'resume' ? 'primary' : action === 'powerOff' ? 'subtle-danger' : 'subtle';

/**
 * The header's buttons for a snapshot: Start becomes Resume while paused (only one of the two shows).
 * While another action on the VM is in flight everything is disabled, except power off, which may cut in.
 */
export function headerButtons(snapshot: Pick<VmSnapshotDto, 'actions'>, busy: boolean): ActionButton[] {
  const allowed = new Set(snapshot.actions);
  return PRIMARY_ACTIONS.filter((action) => {
    if (action === 'start') return !allowed.has('resume');
    if (action === 'resume') return allowed.has('resume');
    return true;
  }).map((action) => ({
    action,
    enabled: allowed.has(action) && (!busy || action === 'powerOff'),
    variant: variantOf(action),
  }));
}
