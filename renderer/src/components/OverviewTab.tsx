/**
 * What a user wants to see when they select a VM: what went wrong last (with advice), what waits for a
 * restart, how to get to its screen, what hardware it has, and what Hako found in its file.
 */
import { useEffect, useState } from 'react';
import type { VmSnapshotDto } from '../../../app/ipc/contract.js';
import { useHako } from '../context.js';
import { fromInfo } from '../logic/errors.js';
import { findingText, pointerLabel, settingLabel, sortFindings, type FindingLike } from '../logic/findings.js';
import { formatMemory } from '../logic/vm.js';
import { Icon } from './icons.js';
import { Button, Card, ErrorDetails, InfoBar, Segmented } from './ui.js';

export function OverviewTab({ vm }: { readonly vm: VmSnapshotDto }) {
  const act = useHako((s) => s.act);
  const setTab = useHako((s) => s.setVmTab);
  const busy = useHako((s) => s.busy[vm.path]);
  const openPath = useHako((s) => s.openPath);
  return (
    <div className="overview">
      {vm.lastError && (
        <InfoBar tone="error" title="The last operation failed">
          <ErrorDetails error={fromInfo(vm.lastError)} />
        </InfoBar>
      )}
      {vm.config === null && (
        <InfoBar
          tone="error"
          title="Hako cannot read this file"
          actions={
            <Button variant="subtle" icon="refresh" onClick={() => void openPath(vm.path)}>
              Read again
            </Button>
          }
        >
          <p>NanaBox would refuse it too. The findings below say why; fix the file in a text editor and open it again.</p>
        </InfoBar>
      )}
      {vm.pendingRestart.length > 0 && (
        <InfoBar
          tone="warning"
          title="Changes that wait for a restart"
          actions={
            <>
              {vm.actions.includes('reload') && (
                <Button variant="secondary" icon="refresh" disabled={busy !== undefined} onClick={() => void act(vm.path, 'reload')}>
                  Apply what can change now
                </Button>
              )}
            </>
          }
        >
          <p>The file says something other than what the running VM uses. These take effect when the VM next starts:</p>
          <ul className="pending-list" aria-label="Changes that wait for a restart">
            {vm.pendingRestart.map((p) => (
              <li key={p}>
                <span>{settingLabel(p)}</span> <code className="chip">{p}</code>
              </li>
            ))}
          </ul>
        </InfoBar>
      )}
      <div className="overview-grid">
        <SessionPanel vm={vm} />
        <HardwareCard vm={vm} onEdit={() => setTab('settings')} />
      </div>
      <FindingsCard findings={vm.findings} />
    </div>
  );
}

const SESSION_OPTIONS = [
  { value: 'basic' as const, label: 'Basic', icon: 'monitor' as const },
  { value: 'enhanced' as const, label: 'Enhanced', icon: 'sliders' as const },
];

/** The VM's screen: basic (the console, always there) or enhanced (RDP into the guest), chosen by hand. */
export function SessionPanel({ vm }: { readonly vm: VmSnapshotDto }) {
  const call = useHako((s) => s.call);
  const toast = useHako((s) => s.toast);
  const [mode, setMode] = useState<'basic' | 'enhanced' | null>(null);
  const [connecting, setConnecting] = useState(false);
  const live = vm.state === 'Running' || vm.state === 'Paused';

  useEffect(() => {
    let current = true;
    void call('Could not read the session mode', (api) => api.invoke('session.getMode', { path: vm.path })).then((m) => {
      if (current) setMode(m ?? 'basic');
    });
    return () => {
      current = false;
    };
  }, [call, vm.path]);

  const choose = async (next: 'basic' | 'enhanced') => {
    const previous = mode;
    setMode(next);
    const ok = await call('Could not remember the session mode', (api) => api.invoke('session.setMode', { path: vm.path, mode: next }).then(() => true));
    if (!ok) setMode(previous);
  };

  const connect = async () => {
    if (mode === null) return;
    setConnecting(true);
    const ok = await call('Could not connect to the VM', (api) => api.invoke('session.connect', { path: vm.path, mode }).then(() => true));
    setConnecting(false);
    if (ok) toast({ tone: 'success', title: `Connecting to the ${mode} session`, message: 'The remote desktop window opens on this computer.' });
  };

  const redirections = vm.config
    ? (
        [
          ['RedirectClipboard', 'Clipboard'],
          ['RedirectAudio', 'Audio'],
          ['RedirectAudioCapture', 'Microphone'],
          ['RedirectDrives', 'Drives'],
          ['RedirectPrinters', 'Printers'],
          ['RedirectSmartCards', 'Smart cards'],
          ['RedirectDevices', 'Devices'],
        ] as const
      )
        .filter(([key]) => vm.config!.EnhancedSession[key])
        .map(([, label]) => label)
    : [];

  return (
    <Card title="Session" icon="monitor" className="session-card">
      <Segmented label="Session mode" value={mode ?? 'basic'} options={SESSION_OPTIONS} onChange={(m) => void choose(m)} disabled={mode === null} />
      <p className="muted session-explain">
        {mode === 'enhanced'
          ? `Remote desktop into the guest, with ${redirections.length > 0 ? redirections.join(', ').toLowerCase() : 'no redirections'}. Needs the guest to support it (Windows, or Linux with xrdp on hv_sock).`
          : 'The VM’s own console: works from firmware to desktop, with no guest software. No clipboard or audio.'}
      </p>
      <p className="muted small">Hako does not switch modes by itself; pick the one that suits the guest.</p>
      <div className="button-row">
        <Button variant="primary" icon="monitor" disabled={!live || mode === null || connecting} onClick={() => void connect()}>
          {connecting ? 'Connecting…' : 'Connect'}
        </Button>
        <Button
          icon="close"
          disabled={!live}
          onClick={() => void call('Could not disconnect', (api) => api.invoke('session.disconnect', { path: vm.path }))}
        >
          Disconnect
        </Button>
      </div>
      {!live && <p className="muted small">Start the VM to connect to its screen.</p>}
    </Card>
  );
}

function HardwareCard({ vm, onEdit }: { readonly vm: VmSnapshotDto; readonly onEdit: () => void }) {
  const c = vm.config;
  return (
    <Card
      title="Hardware"
      icon="chip"
      actions={
        <Button variant="subtle" icon="sliders" onClick={onEdit}>
          Edit
        </Button>
      }
    >
      {c === null ? (
        <p className="muted">Unknown: the file cannot be read.</p>
      ) : (
        <dl className="facts">
          <dt>Guest</dt>
          <dd>{c.GuestType}</dd>
          <dt>Processors</dt>
          <dd>{c.ProcessorCount}</dd>
          <dt>Memory</dt>
          <dd>{formatMemory(c.MemorySize)}</dd>
          <dt>Storage</dt>
          <dd>
            {c.ScsiDevices.length === 0
              ? 'None'
              : c.ScsiDevices.map((d, i) => (
                  <span key={i} className="fact-line">
                    <Icon name={d.Type === 'VirtualImage' ? 'disc' : 'disk'} />
                    {d.Path || (d.Type === 'VirtualImage' ? 'Empty DVD drive' : '(no path)')}
                  </span>
                ))}
          </dd>
          <dt>Network</dt>
          <dd>
            {c.NetworkAdapters.length === 0
              ? 'None'
              : `${c.NetworkAdapters.length} adapter${c.NetworkAdapters.length === 1 ? '' : 's'}, ${c.NetworkAdapters.filter((a) => a.Connected).length} connected`}
          </dd>
          <dt>GPU</dt>
          <dd>{c.Gpu.AssignmentMode === 'Disabled' ? 'None' : c.Gpu.AssignmentMode === 'Default' ? 'Default GPU (GPU-PV)' : c.Gpu.AssignmentMode}</dd>
          <dt>Security</dt>
          <dd>
            {[
              c.SecureBoot ? `Secure Boot (${c.Hako.SecureBootTemplate === 'MicrosoftWindows' ? 'Windows' : 'UEFI CA'})` : 'No Secure Boot',
              c.Tpm ? 'TPM 2.0' : null,
              c.ExposeVirtualizationExtensions ? 'Nested virtualization' : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </dd>
        </dl>
      )}
    </Card>
  );
}

export function FindingList({ findings, label }: { readonly findings: readonly FindingLike[]; readonly label: string }) {
  return (
    <ul className="findings" aria-label={label}>
      {sortFindings(findings).map((f, i) => (
        <li key={`${f.code}-${f.path}-${i}`} className={`finding finding-${f.severity}`}>
          <Icon name={f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'info'} className="finding-icon" />
          <div className="finding-body">
            <p className="finding-text">{findingText(f)}</p>
            <p className="finding-meta">
              <code className="chip" title={f.path}>
                {f.path || '/'}
              </code>
              <span className="muted">{pointerLabel(f.path)}</span>
              {f.lossy && <span className="tag tag-warning">Saving changes this</span>}
            </p>
          </div>
        </li>
      ))}
    </ul>
  );
}

function FindingsCard({ findings }: { readonly findings: VmSnapshotDto['findings'] }) {
  return (
    <Card title="File check" icon="file">
      {findings.length === 0 ? (
        <p className="ok-line">
          <Icon name="check" /> NanaBox reads this file exactly as it is written.
        </p>
      ) : (
        <>
          <p className="muted">What Hako found when it read the file. Paths are JSON Pointers into the .7b file.</p>
          <FindingList findings={findings} label="Findings in the file" />
        </>
      )}
    </Card>
  );
}
