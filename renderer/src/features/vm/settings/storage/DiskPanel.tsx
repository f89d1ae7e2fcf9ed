/**
 * A virtual disk of the VM as virtdisk sees it (type, virtual size, size on disk, parent chain) and what
 * can be done with it: resize, compact, detach. Resize and compact say why when they are not offered.
 */
import { useId, useState } from 'react';
import { isLive } from '../../../../../../app/vm/state.js';
import { useT } from '../../../../i18n/context.js';
import { Button } from '../../../../kit/Button/Button.js';
import { Fact } from '../../../../kit/Facts/Fact.js';
import { Facts } from '../../../../kit/Facts/Facts.js';
import { useVmSummary } from '../../../../store/context.js';
import { useEditorState } from '../editor/hooks.js';
import { CompactDialog } from './CompactDialog.js';
import { DetachDialog } from './DetachDialog.js';
import { compactBlocker, diskKindKey, resizeBlocker } from './disk-rules.js';
import { ResizeDialog } from './ResizeDialog.js';
import { useDiskInfo } from './use-disk-info.js';

type Open = 'resize' | 'compact' | 'detach' | null;

export function DiskPanel({ index, path }: { readonly index: number; readonly path: string }) {
  const tr = useT();
  const { t } = tr;
  const vmPath = useEditorState((s) => s.path);
  const vmRuns = isLive(useVmSummary(vmPath)?.state ?? 'Stopped');
  const { file, info, error, refresh } = useDiskInfo(path);
  const [open, setOpen] = useState<Open>(null);
  const reasonId = useId();
  const n = index + 1;
  const resizeWhy = resizeBlocker(info, vmRuns);
  const compactWhy = compactBlocker(info, vmRuns);
  const reasons = [...new Set([resizeWhy, compactWhy].filter((why) => why !== null && why !== 'storage.blocked.unread'))];
  const done = () => {
    setOpen(null);
    refresh();
  };

  return (
    <div className="disk-panel">
      {info !== null ? (
        <Facts>
          <Fact term={t('storage.fact.type')}>{t(diskKindKey(info), { format: info.format.toUpperCase() })}</Fact>
          <Fact term={t('storage.fact.virtualSize')}>{tr.bytes(info.virtualSize)}</Fact>
          <Fact term={t('storage.fact.physicalSize')}>{tr.bytes(info.physicalSize)}</Fact>
          {info.parents.length > 0 && (
            <Fact term={t('storage.fact.parents')}>
              <ol className="disk-parents" aria-label={t('storage.fact.parents.list', { n })}>
                {info.parents.map((parent) => (
                  <li key={parent.path} className={parent.missing ? 'text-danger' : undefined}>
                    <code>{parent.path}</code>
                    {parent.missing && ` — ${t('storage.fact.parentMissing')}`}
                  </li>
                ))}
              </ol>
            </Fact>
          )}
        </Facts>
      ) : (
        file !== null && error !== null && <p className="muted small">{t('storage.unread', { reason: error.message })}</p>
      )}
      <div className="button-row">
        <Button variant="subtle" disabled={resizeWhy !== null} focusableWhenDisabled describedBy={reasons.length > 0 ? reasonId : undefined} onClick={() => setOpen('resize')} label={t('storage.resize.label', { n })}>
          {t('storage.resize.open')}
        </Button>
        <Button variant="subtle" disabled={compactWhy !== null} focusableWhenDisabled describedBy={reasons.length > 0 ? reasonId : undefined} onClick={() => setOpen('compact')} label={t('storage.compact.label', { n })}>
          {t('storage.compact.open')}
        </Button>
        <Button variant="subtle" icon="trash" onClick={() => setOpen('detach')} label={t('storage.detach.label', { n })}>
          {t('storage.detach.open')}
        </Button>
      </div>
      {reasons.length > 0 && (
        <p id={reasonId} className="muted small">
          {reasons.map((why) => t(why!)).join(' ')}
        </p>
      )}
      {open === 'resize' && file !== null && info !== null && <ResizeDialog file={file} info={info} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'compact' && file !== null && info !== null && <CompactDialog file={file} info={info} onClose={() => setOpen(null)} onDone={done} />}
      {open === 'detach' && <DetachDialog index={index} file={file} onClose={() => setOpen(null)} />}
    </div>
  );
}
