/** Step 7: everything chosen, and the exact files the creation will make (nothing else is touched). */
import { useId } from 'react';
import { VM_PRESETS } from '../../../../../app/vm/new-vm.js';
import { Fact } from '../../../kit/Facts/Fact.js';
import { Facts } from '../../../kit/Facts/Facts.js';
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { diskSizeBytes, plannedFiles } from '../new-vm-draft.js';
import { useT } from '../../../i18n/context.js';
import type { HostSwitches } from './NetworkStep.js';
import { problemText, type StepProps } from './step-props.js';

export function SummaryStep({ wizard, switches }: StepProps & { readonly switches: HostSwitches | null }) {
  const t = useT();
  const filesId = useId();
  const { draft } = wizard;
  const preset = VM_PRESETS[draft.preset];
  const planned = plannedFiles(draft);
  const network = draft.network;
  const networkText =
    network === 'default'
      ? t.t('create.network.default')
      : network === 'none'
        ? t.t('create.network.none')
        : (switches?.find((s) => s.id === network.switchId)?.name ?? network.switchId);
  const sizeText = draft.diskSizeGb !== null ? t.bytes(diskSizeBytes(draft.diskSizeGb)) : '';
  return (
    <div className="stack">
      <Facts>
        <Fact term={t.t('create.name.label')}>{draft.name}</Fact>
        <Fact term={t.t('create.preset.label')}>{t.t(`create.preset.${draft.preset}.title`)}</Fact>
        <Fact term={t.t('create.processors.label')}>{draft.processors}</Fact>
        <Fact term={t.t('create.memory.label')}>{draft.memoryMb !== null ? t.megabytes(draft.memoryMb) : ''}</Fact>
        <Fact term={t.t('create.summary.security')}>
          {t.list([t.t(preset.secureBoot === null ? 'create.summary.secureBootOff' : `create.summary.secureBoot.${preset.secureBoot}`), ...(preset.tpm ? [t.t('create.summary.tpm')] : [])])}
        </Fact>
        <Fact term={t.t('create.summary.disk')}>
          {draft.disk === 'new'
            ? t.t(draft.diskFixed ? 'create.summary.diskNewFixed' : 'create.summary.diskNewDynamic', { size: sizeText })
            : draft.disk === 'existing'
              ? <code className="mono">{draft.diskPath.trim()}</code>
              : t.t('create.disk.none')}
        </Fact>
        <Fact term={t.t('create.summary.media')}>{draft.media === 'iso' ? <code className="mono">{draft.isoPath.trim()}</code> : t.t('create.media.later')}</Fact>
        <Fact term={t.t('create.network.label')}>{networkText}</Fact>
      </Facts>
      {wizard.warnings.tpm?.map((warning) => (
        <InfoBar key={warning.key} tone="warning" title={t.t('create.tpm.title')}>
          <p>{problemText(t, warning)}</p>
        </InfoBar>
      ))}
      <section className="planned-files" aria-labelledby={filesId}>
        <h3 id={filesId} className="subheading">
          {t.t('create.summary.files')}
        </h3>
        <ul aria-labelledby={filesId}>
          <li className="planned-file">
            <code className="mono">{planned.folder}</code>
            <span className="muted small">{t.t('create.summary.fileFolder')}</span>
          </li>
          <li className="planned-file">
            <code className="mono">{planned.sevenB}</code>
            <span className="muted small">{t.t('create.summary.fileConfig')}</span>
          </li>
          {planned.disk !== null && (
            <li className="planned-file">
              <code className="mono">{planned.disk}</code>
              <span className="muted small">{t.t(draft.diskFixed ? 'create.summary.fileDiskFixed' : 'create.summary.fileDiskDynamic', { size: sizeText })}</span>
            </li>
          )}
        </ul>
        <p className="wizard-note">{t.t('create.summary.filesNote')}</p>
      </section>
    </div>
  );
}
