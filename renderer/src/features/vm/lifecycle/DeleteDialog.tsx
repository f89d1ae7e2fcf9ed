/**
 * Delete a stopped VM: main's plan (`vm.deletePlan`, from the `.7b` main reads itself) lists every file
 * that would go — the `.7b`, its disks, its state files — with sizes, each tickable; a disk outside the
 * VM's folder or used by another library VM starts unticked, and says why. It says plainly whether the
 * ticked files go to the Recycle Bin or are deleted for good. "Remove from library only" stays the
 * choice that touches no file. Cancel has the focus.
 */
import { useId, useState } from 'react';
import type { DeletePlanDto, VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { baseName } from '../../../../../app/paths/parts.js';
import { useApiCall } from '../../../api/use-api-call.js';
import { useApiQuery } from '../../../api/use-api-query.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Dialog } from '../../../kit/Dialog/Dialog.js';
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { Spinner } from '../../../kit/Spinner/Spinner.js';
import { useHako, useVmNameOf } from '../../../store/context.js';
import { useForgetVm } from '../../library/use-library-actions.js';
import { vmTitle } from '../vm-title.js';
import './lifecycle.css';

type PlanItem = DeletePlanDto['items'][number];

const defaultTicks = (plan: DeletePlanDto): ReadonlySet<string> => new Set(plan.items.filter((item) => item.tickedByDefault).map((item) => item.id));

export function DeleteDialog({ vm, onClose }: { readonly vm: VmSnapshotDto; readonly onClose: () => void }) {
  const tr = useT();
  const { t } = tr;
  const name = vmTitle(vm);
  const plan = useApiQuery(t('delete.planFailed', { name }), (api) => api.invoke('vm.deletePlan', { path: vm.path }), vm.path);
  const call = useApiCall();
  const forget = useForgetVm();
  const removed = useHako((s) => s.removed);
  const notify = useHako((s) => s.notify);
  // The user's ticks; until they change one, the plan's defaults.
  const [ticks, setTicks] = useState<ReadonlySet<string> | null>(null);
  const [busy, setBusy] = useState(false);
  const items = plan.data?.items ?? [];
  const ticked = ticks ?? (plan.data ? defaultTicks(plan.data) : new Set<string>());
  const chosen = items.filter((item) => ticked.has(item.id));
  const total = chosen.reduce((sum, item) => sum + item.sizeBytes, 0);

  const toggle = (id: string, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(id);
    else next.delete(id);
    setTicks(next);
  };

  const remove = async () => {
    setBusy(true);
    const outcome = await call(t('delete.failed', { name }), (api) => api.invoke('vm.delete', { path: vm.path, items: chosen.map((item) => item.id) }));
    setBusy(false);
    if (!outcome.ok) {
      // The files changed since the list was read: read it again (and its defaults) rather than guess.
      if (outcome.error.code === 'PlanChanged') {
        setTicks(null);
        plan.reload();
      }
      return;
    }
    removed(vm.path);
    notify({ kind: 'message', tone: 'success', title: t('delete.done', { name, count: outcome.value.removed.length }) });
    onClose();
  };

  return (
    <Dialog
      alert
      wide
      title={t('delete.title', { name })}
      onClose={onClose}
      footer={
        <>
          <Button key="delete" variant="danger" icon="trash" disabled={busy || chosen.length === 0} onClick={() => void remove()}>
            {t('delete.confirm', { count: chosen.length, size: tr.bytes(total) })}
          </Button>
          <Button
            key="forget"
            disabled={busy}
            onClick={() => {
              onClose();
              void forget(vm.path);
            }}
          >
            {t('delete.forgetOnly')}
          </Button>
          <Button key="cancel" onClick={onClose} autoFocus>
            {t('common.cancel')}
          </Button>
        </>
      }
    >
      {plan.data === null ? (
        <div className="center-pad">{plan.loading ? <Spinner label={t('delete.loading')} /> : <p>{t('delete.planFailed', { name })}</p>}</div>
      ) : (
        <PlanList plan={plan.data} ticked={ticked} onToggle={toggle} />
      )}
    </Dialog>
  );
}

function PlanList({ plan, ticked, onToggle }: { readonly plan: DeletePlanDto; readonly ticked: ReadonlySet<string>; readonly onToggle: (id: string, on: boolean) => void }) {
  const tr = useT();
  const { t } = tr;
  const listId = useId();
  const nameOf = useVmNameOf();
  const vmName = (path: string) => nameOf(path) ?? baseName(path);

  const note = (item: PlanItem): string | null => {
    if (item.usedBy.length > 0) return t('delete.note.usedBy', { vms: tr.list(item.usedBy.map(vmName)) });
    if (!item.insideVmFolder) return t('delete.note.outside');
    if (item.kind === 'image') return t('delete.note.image');
    return null;
  };

  return (
    <div className="stack">
      <p id={listId}>{t('delete.intro')}</p>
      {plan.items.length === 0 ? (
        <p className="muted">{t('delete.nothing')}</p>
      ) : (
        <ul className="delete-items" aria-labelledby={listId}>
          {plan.items.map((item) => {
            const id = `${listId}-${item.id}`;
            const why = note(item);
            return (
              <li key={item.id} className="delete-item">
                <input id={id} type="checkbox" checked={ticked.has(item.id)} onChange={(event) => onToggle(item.id, event.target.checked)} aria-describedby={`${id}-note`} />
                <label htmlFor={id} className="delete-item-path mono">
                  {item.path}
                </label>
                <span className="delete-item-size">{tr.bytes(item.sizeBytes)}</span>
                <span id={`${id}-note`} className="delete-item-note">
                  {t(`delete.kind.${item.kind}`)}
                  {why !== null && ` · ${why}`}
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <InfoBar tone={plan.toRecycleBin ? 'info' : 'warning'} title={plan.toRecycleBin ? t('delete.recycle.title') : t('delete.permanent.title')}>
        <p>{plan.toRecycleBin ? t('delete.recycle.body') : t('delete.permanent.body')}</p>
      </InfoBar>
    </div>
  );
}
