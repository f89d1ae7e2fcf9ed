/**
 * The .7b editor. Edits a draft of the model; main validates the draft as the user types
 * (config.validate) and the form marks fields by JSON path. Saving asks for consent when the write
 * would replace something in the file, and offers a reload when the file changed on disk meanwhile.
 */
import { useEffect, useId, useState } from 'react';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { isLive } from '../../../../../app/vm/state.js';
import { useApi } from '../../../api/context.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { ErrorDetails } from '../../../kit/ErrorDetails/ErrorDetails.js';
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { Spinner } from '../../../kit/Spinner/Spinner.js';
import { useHakoStore } from '../../../store/context.js';
import { FindingList } from '../findings/FindingList.js';
import { ConflictDialog } from './ConflictDialog.js';
import { ConsentDialog } from './ConsentDialog.js';
import { LeaveDialog } from './leave/LeaveDialog.js';
import { useLeaveGuard } from './leave/use-leave-guard.js';
import { EditorProvider } from './editor/context.js';
import { createEditorStore, type EditorStore } from './editor/editor-store.js';
import { useEditorState } from './editor/hooks.js';
import { SaveBar } from './SaveBar.js';
import { SECTIONS, type SectionId } from './sections.js';
import { SettingsNav } from './SettingsNav.js';
import { vmTitle } from '../vm-title.js';
import './SettingsTab.css';

export function SettingsTab({ vm }: { readonly vm: VmSnapshotDto }) {
  const api = useApi();
  const store = useHakoStore();
  const { t } = useT();
  const [editor] = useState<EditorStore>(() =>
    createEditorStore(api, vm.path, {
      onSaved: (path) => {
        store.getState().notify({ kind: 'message', tone: 'success', title: t('settings.saved'), message: t('settings.saved.body', { path }) });
        void store.getState().refreshVm(path);
      },
    }),
  );
  useEffect(() => {
    void editor.getState().load();
  }, [editor]);
  const name = vmTitle(vm);
  useLeaveGuard(editor, name);
  return (
    <EditorProvider editor={editor}>
      <SettingsEditor running={isLive(vm.state)} />
      <LeaveDialog vmName={name} />
    </EditorProvider>
  );
}

/** What shows depends on how loading went: a spinner, the failure, the refusal, or the form. */
function SettingsEditor({ running }: { readonly running: boolean }) {
  const { t } = useT();
  const status = useEditorState((s) => s.status);
  const hasDraft = useEditorState((s) => s.draft !== null);
  const loadError = useEditorState((s) => s.loadError);
  const load = useEditorState((s) => s.load);

  if (status === 'loading' && !hasDraft) {
    return (
      <div className="center-pad">
        <Spinner label={t('settings.reading')} size="large" />
      </div>
    );
  }
  if (status === 'failed') {
    return (
      <InfoBar
        tone="error"
        title={t('settings.readFailed')}
        actions={
          <Button icon="refresh" onClick={() => void load()}>
            {t('common.tryAgain')}
          </Button>
        }
      >
        {loadError && <ErrorDetails error={loadError} />}
      </InfoBar>
    );
  }
  if (status === 'refused' || !hasDraft) return <Refused />;
  return <SettingsForm running={running} />;
}

function Refused() {
  const { t } = useT();
  const findings = useEditorState((s) => s.fileFindings);
  return (
    <div className="stack">
      <InfoBar tone="error" title={t('settings.refused.title')}>
        <p>{t('settings.refused.body')}</p>
      </InfoBar>
      <FindingList findings={findings} label={t('settings.refused.list')} />
    </div>
  );
}

function SettingsForm({ running }: { readonly running: boolean }) {
  const { t } = useT();
  const [current, setCurrent] = useState<SectionId>('general');
  const baseId = useId();
  const consent = useEditorState((s) => s.consent);
  const conflict = useEditorState((s) => s.conflict);
  const section = SECTIONS.find((s) => s.id === current)!;
  const headingId = `${baseId}-${current}-heading`;
  return (
    <div className="settings">
      <SettingsNav current={current} onSelect={setCurrent} idOf={(id) => `${baseId}-${id}`} />
      <div className="settings-main">
        {running && (
          <InfoBar tone="info" title={t('settings.running.title')}>
            <p>{t('settings.running.body')}</p>
          </InfoBar>
        )}
        <section className="settings-section" aria-labelledby={headingId}>
          <h2 id={headingId} className="section-title">
            {t(section.label)}
          </h2>
          <section.Component />
        </section>
      </div>
      <SaveBar />
      {consent !== null && <ConsentDialog findings={consent} />}
      {conflict && <ConflictDialog />}
    </div>
  );
}
