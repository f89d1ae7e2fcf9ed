/**
 * Clone a stopped VM: a new name and folder; its disks copied (progress, Cancel) or made differencing
 * disks on the original's (the original's disks must then never change, which the dialog says in so
 * many words); new static MAC addresses or dynamic ones. The clone is a new machine — its own virtual
 * TPM (so BitLocker keys sealed to the original's do not carry over), no saved state, no endpoints.
 * When it is done, the clone's page shows.
 */
import { useEffect, useMemo, useState } from 'react';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { joinPath } from '../../../../../app/paths/parts.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Dialog } from '../../../kit/Dialog/Dialog.js';
import { ErrorDetails } from '../../../kit/ErrorDetails/ErrorDetails.js';
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { TextField } from '../../../kit/TextField/TextField.js';
import { useHako, useLibraryIds } from '../../../store/context.js';
import { typedPathError, vmNameError } from '../../create/new-vm-checks.js';
import { ChoiceField } from '../../create/ChoiceField.js';
import { PathField } from '../../create/PathField.js';
import { useOperationRun } from '../../create/use-operation-run.js';
import { vmTitle } from '../vm-title.js';
import { cloneDiskCount, cloneFolder, cloneName, staticMacCount } from './clone-defaults.js';
import './lifecycle.css';

type DiskMode = 'copy' | 'differencing';
type MacMode = 'new-static' | 'dynamic';

export function CloneDialog({ vm, onClose }: { readonly vm: VmSnapshotDto; readonly onClose: () => void }) {
  const tr = useT();
  const { t } = tr;
  const original = vmTitle(vm);
  const takenNames = useLibraryIds();
  const windows = useHako((s) => s.app?.platform === 'win32');
  const select = useHako((s) => s.select);
  const [name, setName] = useState(() => cloneName(tr, original, takenNames));
  const [folder, setFolder] = useState(() => cloneFolder(vm.path));
  const [disks, setDisks] = useState<DiskMode>('copy');
  const [macs, setMacs] = useState<MacMode>('new-static');
  const [tried, setTried] = useState(false);
  const run = useOperationRun();
  const nameError = useMemo(() => vmNameError(name, takenNames), [name, takenNames]);
  const folderError = typedPathError(folder, windows, null, 'folder');
  const diskCount = cloneDiskCount(vm.config);
  const macCount = staticMacCount(vm.config);
  const state = run.state;
  const running = state.status === 'starting' || state.status === 'running';

  const donePath = state.status === 'done' ? state.path : null;
  useEffect(() => {
    if (donePath === null) return;
    // The clone is in the library (main opened it): show it.
    select({ kind: 'vm', path: donePath });
    onClose();
  }, [donePath, select, onClose]);

  const clone = () => {
    setTried(true);
    if (nameError !== undefined || folderError !== undefined) return;
    void run.start('vm.clone', t('clone.progress', { name }), (api) => api.invoke('vm.clone', { path: vm.path, name, folder: folder.trim(), disks, macs }));
  };
  const showName = tried || name !== '';
  const target = joinPath(joinPath(folder.trim(), name), `${name}.7b`);

  return (
    <Dialog
      wide
      title={t('clone.title', { name: original })}
      onClose={running ? run.cancel : onClose}
      footer={
        running ? (
          <Button onClick={run.cancel} disabled={state.status !== 'running' || state.cancelling}>
            {t('clone.cancel')}
          </Button>
        ) : (
          <>
            <Button variant="primary" onClick={clone}>
              {t('clone.confirm')}
            </Button>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </>
        )
      }
    >
      {running ? (
        <div className="stack" role="status">
          <progress className="lifecycle-progress" value={state.status === 'running' ? state.completed : 0} max={state.status === 'running' ? state.total : 1} aria-label={t('clone.progress', { name })} />
          <p>{state.status === 'running' && state.cancelling ? t('clone.cancelling') : t('clone.progressBody', { count: diskCount })}</p>
        </div>
      ) : (
        <form
          className="stack"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            clone();
          }}
        >
          {state.status === 'cancelled' && (
            <InfoBar tone="info" title={t('clone.cancelled.title')}>
              <p>{t('clone.cancelled.body')}</p>
            </InfoBar>
          )}
          {state.status === 'failed' && (
            <InfoBar tone="error" title={t('clone.failed')}>
              <ErrorDetails error={state.error} />
            </InfoBar>
          )}
          <TextField label={t('clone.name')} value={name} onChange={setName} errors={showName && nameError ? [t(nameError.key, nameError.values)] : []} autoFocus />
          <PathField
            kind="folder"
            label={t('clone.folder')}
            value={folder}
            onChange={setFolder}
            help={folderError === undefined && nameError === undefined ? t('clone.folderHelp', { file: target }) : undefined}
            errors={folderError ? [t(folderError.key, folderError.values)] : []}
          />
          {diskCount > 0 && (
            <div className="stack">
              <ChoiceField<DiskMode>
                label={t('clone.disks')}
                value={disks}
                onChange={setDisks}
                options={[
                  { value: 'copy', label: t('clone.disks.copy') },
                  { value: 'differencing', label: t('clone.disks.differencing') },
                ]}
              />
              {disks === 'copy' ? (
                <p className="muted">{t('clone.disks.copyHelp', { count: diskCount })}</p>
              ) : (
                <InfoBar tone="warning" title={t('clone.disks.parentTitle')}>
                  <p>{t('clone.disks.parentBody')}</p>
                </InfoBar>
              )}
            </div>
          )}
          {macCount > 0 && (
            <div className="stack">
              <ChoiceField<MacMode>
                label={t('clone.macs')}
                value={macs}
                onChange={setMacs}
                options={[
                  { value: 'new-static', label: t('clone.macs.newStatic') },
                  { value: 'dynamic', label: t('clone.macs.dynamic') },
                ]}
              />
              <p className="muted">{t('clone.macs.help', { count: macCount })}</p>
            </div>
          )}
          <InfoBar tone="info" title={t('clone.newMachine.title')}>
            <p>{t('clone.newMachine.body')}</p>
            {(vm.config?.Tpm === true || (vm.config?.GuestStateFile ?? '') !== '') && <p>{t('clone.tpm')}</p>}
            {vm.config?.SaveStateFile ? <p>{t('clone.savedState')}</p> : null}
          </InfoBar>
        </form>
      )}
    </Dialog>
  );
}
