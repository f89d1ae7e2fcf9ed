/**
 * A GPU by its device-interface path, for a file meant for another computer (whose GPUs this host does
 * not list). The path must be a device interface (`\\?\…`); one of another interface class is refused,
 * since HCS would not find a GPU behind it.
 */
import { useState } from 'react';
import type { GpuDevice } from '../../../../../../../app/config/model.js';
import { GPU_PARAVIRTUALIZATION_CLASS, isGpuParavirtualizationPath, sameDeviceInterface } from '../../../../../../../app/gpu/device-path.js';
import { useT } from '../../../../../i18n/context.js';
import { Button } from '../../../../../kit/Button/Button.js';
import { Disclosure } from '../../../../../kit/Disclosure/Disclosure.js';
import { TextField } from '../../../../../kit/TextField/TextField.js';

export function AddGpuByPath({ selected, onAdd }: { readonly selected: readonly GpuDevice[]; readonly onAdd: (path: string) => void }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const path = text.trim();
  const problem =
    path === ''
      ? null
      : !path.startsWith('\\\\?\\')
        ? t('settings.gpu.byPath.notPath')
        : !isGpuParavirtualizationPath(path)
          ? t('settings.gpu.byPath.notGpu', { class: `{${GPU_PARAVIRTUALIZATION_CLASS}}` })
          : selected.some((d) => sameDeviceInterface(d.DeviceInterface, path))
            ? t('settings.gpu.byPath.already')
            : null;
  const add = () => {
    if (path === '' || problem !== null) return;
    onAdd(path);
    setText('');
  };
  return (
    <Disclosure summary={t('settings.gpu.byPath')}>
      <form
        className="gpu-by-path"
        onSubmit={(event) => {
          event.preventDefault();
          add();
        }}
      >
        <TextField label={t('settings.gpu.byPath.field')} value={text} onChange={setText} errors={problem === null ? [] : [problem]} mono placeholder="\\?\PCI#VEN_…#{…}\GPUPARAV" />
        <Button icon="plus" type="submit" disabled={path === '' || problem !== null}>
          {t('settings.gpu.byPath.add')}
        </Button>
      </form>
    </Disclosure>
  );
}
