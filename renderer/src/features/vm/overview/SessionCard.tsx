/** The VM's screen: basic (the console, always there) or enhanced (RDP into the guest), chosen by hand. */
import type { EnhancedSession } from '../../../../../app/config/model.js';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { DEFAULT_SESSION_MODE, SESSION_MODES, type SessionMode } from '../../../../../app/session/mode.js';
import { hasScreen } from '../../../../../app/vm/state.js';
import { Button } from '../../../kit/Button/Button.js';
import { Card } from '../../../kit/Card/Card.js';
import { Segmented, type Segment } from '../../../kit/Segmented/Segmented.js';
import { useSession } from './use-session-mode.js';
import './SessionCard.css';

const MODE_LOOKS: Readonly<Record<SessionMode, Omit<Segment<SessionMode>, 'value'>>> = {
  basic: { label: 'Basic', icon: 'monitor' },
  enhanced: { label: 'Enhanced', icon: 'sliders' },
};
const MODES: readonly Segment<SessionMode>[] = SESSION_MODES.map((value) => ({ value, ...MODE_LOOKS[value] }));

/** The redirections worth naming in the summary, in the words of the summary. */
const REDIRECTIONS: readonly (readonly [keyof EnhancedSession, string])[] = [
  ['RedirectClipboard', 'clipboard'],
  ['RedirectAudio', 'audio'],
  ['RedirectAudioCapture', 'microphone'],
  ['RedirectDrives', 'drives'],
  ['RedirectPrinters', 'printers'],
  ['RedirectSmartCards', 'smart cards'],
  ['RedirectDevices', 'devices'],
];

function enhancedSummary(session: EnhancedSession | undefined): string {
  const on = session ? REDIRECTIONS.filter(([key]) => session[key] === true).map(([, words]) => words) : [];
  return `Remote desktop into the guest, with ${on.length > 0 ? on.join(', ') : 'no redirections'}. Needs the guest to support it (Windows, or Linux with xrdp on hv_sock).`;
}

export function SessionCard({ vm }: { readonly vm: VmSnapshotDto }) {
  const session = useSession(vm.path);
  const live = hasScreen(vm.state);
  return (
    <Card title="Session" icon="monitor">
      <Segmented label="Session mode" value={session.mode ?? DEFAULT_SESSION_MODE} options={MODES} onChange={session.choose} disabled={session.mode === null} />
      <p className="muted session-explain">
        {session.mode === 'enhanced'
          ? enhancedSummary(vm.config?.EnhancedSession)
          : 'The VM’s own console: works from firmware to desktop, with no guest software. No clipboard or audio.'}
      </p>
      <p className="muted small">Hako does not switch modes by itself; pick the one that suits the guest.</p>
      <div className="button-row">
        <Button variant="primary" icon="monitor" disabled={!live || session.mode === null || session.connecting} onClick={session.connect}>
          {session.connecting ? 'Connecting…' : 'Connect'}
        </Button>
        <Button icon="close" disabled={!live} onClick={session.disconnect}>
          Disconnect
        </Button>
      </div>
      {!live && <p className="muted small">Start the VM to connect to its screen.</p>}
    </Card>
  );
}
