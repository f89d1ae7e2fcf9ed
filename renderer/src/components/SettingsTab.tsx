/**
 * The .7b editor. Edits a draft of the model; main validates the draft as the user types
 * (config.validate) and the form marks fields by JSON path. Saving asks for consent when the write
 * would replace something in the file, and offers a reload when the file changed on disk meanwhile.
 */
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { VmConfig } from '../../../app/config/model.js';
import type { VmSnapshotDto } from '../../../app/ipc/contract.js';
import { useHako } from '../context.js';
import { createEditorStore, draftIssues, type EditorStore } from '../editor.js';
import { findingText, findingsAt, type FindingLike } from '../logic/findings.js';
import { fieldDoc } from '../logic/field-checks.js';
import { Icon, type IconName } from './icons.js';
import { FindingList } from './OverviewTab.js';
import { Button, Dialog, ErrorDetails, InfoBar, Spinner } from './ui.js';
import {
  AdvancedSection,
  ComPortsSection,
  DisplaySection,
  EnhancedSessionSection,
  GeneralSection,
  NetworkSection,
  SecuritySection,
  StorageSection,
} from './settings/sections.js';

export type SectionId = 'general' | 'storage' | 'network' | 'display' | 'security' | 'com' | 'session' | 'advanced';

const SECTIONS: readonly { readonly id: SectionId; readonly label: string; readonly icon: IconName; readonly keys: readonly string[] }[] = [
  { id: 'general', label: 'General', icon: 'vm', keys: ['Name', 'GuestType', 'ProcessorCount', 'MemorySize', 'ExposeVirtualizationExtensions'] },
  { id: 'storage', label: 'Storage', icon: 'disk', keys: ['ScsiDevices'] },
  { id: 'network', label: 'Network', icon: 'network', keys: ['NetworkAdapters'] },
  { id: 'display', label: 'Display & GPU', icon: 'monitor', keys: ['Gpu', 'VideoMonitor'] },
  { id: 'security', label: 'Security', icon: 'shield', keys: ['SecureBoot', 'Tpm', 'Hako'] },
  { id: 'com', label: 'COM ports', icon: 'plug', keys: ['ComPorts'] },
  { id: 'session', label: 'Enhanced session', icon: 'sliders', keys: ['EnhancedSession', 'Keyboard'] },
  {
    id: 'advanced',
    label: 'Advanced',
    icon: 'file',
    keys: ['GuestStateFile', 'RuntimeStateFile', 'SaveStateFile', 'Policies', 'ChipsetInformation', 'Plan9Shares', 'VirtualSmbShares'],
  },
];

/** What a section needs: the draft config, a way to change it, and the markers of each field. */
export interface SectionProps {
  readonly config: VmConfig;
  readonly update: (recipe: (config: VmConfig) => void) => void;
  readonly at: (pointer: string) => { readonly errors: string[]; readonly warnings: string[]; readonly help: string | undefined };
  readonly vm: VmSnapshotDto;
  readonly editor: EditorStore;
}

export function SettingsTab({ vm }: { readonly vm: VmSnapshotDto }) {
  const api = useHako((s) => s.api);
  const toast = useHako((s) => s.toast);
  const refreshVm = useHako((s) => s.refreshVm);
  const [editor] = useState(() =>
    createEditorStore(api, vm.path, {
      onSaved: () => {
        toast({ tone: 'success', title: 'Settings saved', message: `${vm.path} was written.` });
        void refreshVm(vm.path);
      },
    }),
  );
  const state = useStore(editor);
  const [section, setSection] = useState<SectionId>('general');
  const navId = useId();

  useEffect(() => {
    void editor.getState().load();
  }, [editor]);

  const issues = useMemo(() => draftIssues(state), [state]);
  const at = useMemo(
    () => (pointer: string) => {
      const here = issues.filter((f) => f.path === pointer);
      return {
        errors: here.filter((f) => f.severity === 'error').map(findingText),
        warnings: here.filter((f) => f.severity === 'warning').map(findingText),
        help: fieldDoc(pointer),
      };
    },
    [issues],
  );

  if (state.status === 'loading' && state.draft === null) {
    return (
      <div className="center-pad">
        <Spinner label="Reading the file" />
      </div>
    );
  }
  if (state.status === 'failed') {
    return (
      <InfoBar
        tone="error"
        title="The file could not be read"
        actions={
          <Button icon="refresh" onClick={() => void editor.getState().load()}>
            Try again
          </Button>
        }
      >
        {state.loadError && <ErrorDetails error={state.loadError} />}
      </InfoBar>
    );
  }
  if (state.status === 'refused' || state.draft === null) {
    return (
      <div className="stack">
        <InfoBar tone="error" title="NanaBox would refuse this file, so Hako does not edit it">
          <p>Fix these in a text editor, then open the file again:</p>
        </InfoBar>
        <FindingList findings={state.fileFindings} label="Why the file is refused" />
      </div>
    );
  }

  const config = state.draft.config;
  const props: SectionProps = { config, update: editor.getState().update, at, vm, editor };
  const count = (keys: readonly string[]) => issues.filter((f) => f.severity === 'error' && keys.some((k) => findingsAt([f], `/NanaBox/${k}`).length > 0)).length;
  const errorCount = issues.filter((f) => f.severity === 'error').length;
  const live = vm.state === 'Running' || vm.state === 'Paused';

  return (
    <div className="settings">
      <nav className="settings-nav" aria-label="Settings sections">
        <ul role="list">
          {SECTIONS.map((s) => {
            const errors = count(s.keys);
            return (
              <li key={s.id}>
                <button
                  type="button"
                  id={`${navId}-${s.id}`}
                  className={`settings-nav-item${section === s.id ? ' current' : ''}`}
                  aria-current={section === s.id ? 'true' : undefined}
                  onClick={() => setSection(s.id)}
                >
                  <Icon name={s.icon} />
                  <span>{s.label}</span>
                  {errors > 0 && (
                    <span className="count-badge" aria-label={`${errors} problem${errors === 1 ? '' : 's'}`}>
                      {errors}
                    </span>
                  )}
                </button>
              </li>
            );
          })}
        </ul>
      </nav>
      <div className="settings-main">
        {live && (
          <InfoBar tone="info" title="The VM is running">
            <p>Saved changes apply at the next start. Some (memory, disks, network, COM ports) can be applied while it runs from the Overview tab.</p>
          </InfoBar>
        )}
        <section className="settings-section" aria-labelledby={`${navId}-${section}-heading`}>
          <h2 id={`${navId}-${section}-heading`} className="section-title">
            {SECTIONS.find((s) => s.id === section)!.label}
          </h2>
          <SectionBody id={section} props={props} />
        </section>
      </div>
      <SaveBar editorState={state} errorCount={errorCount} editor={editor} />
      {state.consent !== null && <ConsentDialog findings={state.consent} editor={editor} />}
      {state.conflict && <ConflictDialog path={vm.path} editor={editor} />}
    </div>
  );
}

function SectionBody({ id, props }: { readonly id: SectionId; readonly props: SectionProps }): ReactNode {
  switch (id) {
    case 'general':
      return <GeneralSection {...props} />;
    case 'storage':
      return <StorageSection {...props} />;
    case 'network':
      return <NetworkSection {...props} />;
    case 'display':
      return <DisplaySection {...props} />;
    case 'security':
      return <SecuritySection {...props} />;
    case 'com':
      return <ComPortsSection {...props} />;
    case 'session':
      return <EnhancedSessionSection {...props} />;
    case 'advanced':
      return <AdvancedSection {...props} />;
  }
}

function SaveBar({ editorState, errorCount, editor }: { readonly editorState: ReturnType<EditorStore['getState']>; readonly errorCount: number; readonly editor: EditorStore }) {
  const { dirty, saving, validating, saveError } = editorState;
  const status = saving
    ? 'Saving…'
    : errorCount > 0
      ? `${errorCount} setting${errorCount === 1 ? ' needs' : 's need'} attention`
      : dirty
        ? 'Unsaved changes'
        : editorState.savedAt !== null
          ? 'All changes saved'
          : 'No changes';
  return (
    <div className="savebar" role="region" aria-label="Save settings">
      <div className="savebar-status" role="status">
        <Icon name={errorCount > 0 ? 'error' : dirty ? 'info' : 'check'} className={errorCount > 0 ? 'text-danger' : dirty ? 'text-accent' : 'text-success'} />
        <span>{status}</span>
        {validating && <Spinner label="Checking" />}
      </div>
      {saveError && (
        <p className="savebar-error" role="alert">
          {saveError.message}
        </p>
      )}
      <div className="savebar-actions">
        <Button onClick={() => editor.getState().discard()} disabled={!dirty || saving}>
          Discard
        </Button>
        <Button variant="primary" icon="save" onClick={() => void editor.getState().save()} disabled={!dirty || saving || errorCount > 0}>
          Save
        </Button>
      </div>
    </div>
  );
}

function ConsentDialog({ findings, editor }: { readonly findings: readonly FindingLike[]; readonly editor: EditorStore }) {
  const saving = useStore(editor, (s) => s.saving);
  return (
    <Dialog
      alert
      wide
      title="Saving will change what the file says"
      onClose={() => editor.getState().cancelConsent()}
      footer={
        <>
          <Button variant="primary" disabled={saving} onClick={() => void editor.getState().confirmConsent()}>
            Save and replace
          </Button>
          <Button autoFocus onClick={() => editor.getState().cancelConsent()}>
            Cancel
          </Button>
        </>
      }
    >
      <p>
        The file holds values that NanaBox reads differently from how they are written. Saving writes what NanaBox actually uses, so the values below will be
        replaced or dropped. Keys NanaBox does not know are kept.
      </p>
      {findings.length > 0 ? (
        <FindingList findings={findings} label="What saving replaces" />
      ) : (
        <p className="muted">The file on disk changed in ways that saving would replace.</p>
      )}
    </Dialog>
  );
}

function ConflictDialog({ path, editor }: { readonly path: string; readonly editor: EditorStore }) {
  return (
    <Dialog
      alert
      title="The file changed on disk"
      onClose={() => editor.getState().dismissConflict()}
      footer={
        <>
          <Button variant="primary" icon="refresh" onClick={() => void editor.getState().reloadFromDisk()}>
            Reload from disk
          </Button>
          <Button variant="danger" onClick={() => void editor.getState().overwrite()}>
            Overwrite with my changes
          </Button>
          <Button autoFocus onClick={() => editor.getState().dismissConflict()}>
            Keep editing
          </Button>
        </>
      }
    >
      <p>
        Another program (or NanaBox, or a VM start writing back generated values) saved <code className="chip">{path}</code> after you opened it. Reload to see
        its version (your unsaved changes are lost), or overwrite it with yours.
      </p>
    </Dialog>
  );
}
