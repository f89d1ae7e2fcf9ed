/**
 * The GPUs a VM with "Selected GPUs" gets: the host's GPU paravirtualization interfaces as a list to tick
 * (name and short id; the full path on demand; a device Windows could not describe is offered with the
 * reason), the partition of each ticked one, and the paths in the file this host does not have — kept,
 * with a warning, until the user removes them (gpu-choices.ts has the rules).
 */
import { useId, useMemo } from 'react';
import { GPU_PV_PARTITION_ID, type GpuDevice } from '../../../../../../../app/config/model.js';
import type { HostGpuDto } from '../../../../../../../app/ipc/contract.js';
import { useT } from '../../../../../i18n/context.js';
import { Button } from '../../../../../kit/Button/Button.js';
import { Checkbox } from '../../../../../kit/Checkbox/Checkbox.js';
import { CodeInline } from '../../../../../kit/CodeBlock/CodeInline.js';
import { Disclosure } from '../../../../../kit/Disclosure/Disclosure.js';
import { EmptyState } from '../../../../../kit/EmptyState/EmptyState.js';
import { Icon } from '../../../../../kit/Icon/Icon.js';
import { Spinner } from '../../../../../kit/Spinner/Spinner.js';
import { useDraft, useUpdate } from '../../editor/hooks.js';
import { DraftNumberField } from '../../fields/DraftFields.js';
import { AddGpuByPath } from './AddGpuByPath.js';
import { deviceWentAway, matchGpus, selectGpu, shortGpuId, unselectGpu } from './gpu-choices.js';
import { useHostGpus } from './use-host-gpus.js';
import './GpuPicker.css';

const LIST = '/NanaBox/Gpu/SelectedDevices';

export function GpuPicker() {
  const { t } = useT();
  const headingId = useId();
  const hostGpus = useHostGpus();
  const selected = useDraft((c) => c.Gpu.SelectedDevices);
  const update = useUpdate();
  const { onHost, missing } = useMemo(() => matchGpus(hostGpus.data ?? [], selected), [hostGpus.data, selected]);
  const toggle = (path: string, on: boolean) => update((c) => (on ? selectGpu(c.Gpu.SelectedDevices, path) : unselectGpu(c.Gpu.SelectedDevices, path)));

  return (
    <div className="stack gpu-picker">
      <div className="gpu-picker-head">
        <h4 id={headingId} className="subheading">
          {t('settings.gpu.host')}
        </h4>
        <Button icon="refresh" variant="subtle" onClick={hostGpus.reload} disabled={hostGpus.loading}>
          {t('common.refresh')}
        </Button>
      </div>
      {hostGpus.data === null ? (
        hostGpus.loading ? (
          <Spinner label={t('settings.gpu.loading')} />
        ) : (
          <p className="gpu-problem">
            <Icon name="warning" />
            <span>{t('settings.gpu.listFailed.body')}</span>
          </p>
        )
      ) : onHost.length === 0 ? (
        <EmptyState icon="chip" title={t('settings.gpu.none')}>
          <p className="muted">{t('settings.gpu.none.help')}</p>
        </EmptyState>
      ) : (
        <ul className="gpu-list" aria-labelledby={headingId}>
          {onHost.map(({ gpu, index }) => (
            <HostGpuRow key={gpu.path} gpu={gpu} index={index} device={index === null ? null : selected[index]!} onToggle={(on) => toggle(gpu.path, on)} />
          ))}
        </ul>
      )}
      {/* Without the host's list nothing is known to be missing: the file's paths are shown as they are. */}
      {missing.length > 0 && <MissingGpus missing={missing} known={hostGpus.data !== null} onRemove={(path) => toggle(path, false)} />}
      <AddGpuByPath selected={selected} onAdd={(path) => toggle(path, true)} />
    </div>
  );
}

function HostGpuRow({ gpu, index, device, onToggle }: { readonly gpu: HostGpuDto; readonly index: number | null; readonly device: GpuDevice | null; readonly onToggle: (on: boolean) => void }) {
  const { t, dateTime } = useT();
  const name = gpu.name ?? t('settings.gpu.unnamed');
  const id = gpu.pciId ?? shortGpuId(gpu.path);
  const driver =
    gpu.driver.version === null
      ? null
      : gpu.driver.date === null
        ? t('settings.gpu.driver', { version: gpu.driver.version })
        : t('settings.gpu.driverDated', { version: gpu.driver.version, date: dateTime(new Date(`${gpu.driver.date}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' }) });
  const details = [gpu.manufacturer, driver, gpu.location].filter((part): part is string => part !== null).join(' · ');
  return (
    <li className="gpu-row" data-selected={index !== null || undefined}>
      <Checkbox label={t('settings.gpu.choice', { name, id })} checked={index !== null} onChange={onToggle} help={details || undefined} />
      {gpu.problem !== null && (
        <p className="gpu-problem">
          <Icon name="warning" />
          <span>{t(deviceWentAway(gpu.problem) ? 'settings.gpu.problem.gone' : 'settings.gpu.problem.other', { code: gpu.problem })}</span>
        </p>
      )}
      <div className="gpu-row-more">
        <Disclosure summary={t('settings.gpu.path')}>
          <CodeInline>{gpu.path}</CodeInline>
        </Disclosure>
        {index !== null && device !== null && <PartitionField index={index} device={device} name={name} />}
      </div>
    </li>
  );
}

function PartitionField({ index, device, name }: { readonly index: number; readonly device: GpuDevice; readonly name: string }) {
  const { t } = useT();
  return (
    <DraftNumberField
      pointer={`${LIST}/${index}/PartitionId`}
      label={t('settings.gpu.partition', { name })}
      min={0}
      max={0xffff}
      help={t(device.PartitionId === GPU_PV_PARTITION_ID ? 'settings.display.partition.whole' : 'settings.display.partition.part')}
    />
  );
}

/** The file's paths the host's list lacks (`known`), or all of them when there is no list to compare with. */
function MissingGpus({
  missing,
  known,
  onRemove,
}: {
  readonly missing: readonly { index: number; device: GpuDevice }[];
  readonly known: boolean;
  readonly onRemove: (path: string) => void;
}) {
  const { t } = useT();
  const headingId = useId();
  return (
    <section className="gpu-missing" aria-labelledby={headingId}>
      <h4 id={headingId} className="subheading">
        {known && <Icon name="warning" className="gpu-missing-icon" />}
        {t(known ? 'settings.gpu.missing' : 'settings.gpu.inFile')}
      </h4>
      {known && <p className="muted">{t('settings.gpu.missing.body')}</p>}
      <ul className="gpu-list">
        {missing.map(({ index, device }) => {
          const id = shortGpuId(device.DeviceInterface);
          return (
            <li key={device.DeviceInterface} className={known ? 'gpu-row gpu-row-missing' : 'gpu-row'}>
              <div className="gpu-row-title">
                <span className="mono">{id}</span>
                <Button icon="trash" variant="subtle" label={t('settings.gpu.remove', { id })} onClick={() => onRemove(device.DeviceInterface)} />
              </div>
              <div className="gpu-row-more">
                <Disclosure summary={t('settings.gpu.path')}>
                  <CodeInline>{device.DeviceInterface}</CodeInline>
                </Disclosure>
                <PartitionField index={index} device={device} name={id} />
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
