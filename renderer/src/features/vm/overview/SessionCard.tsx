/** The VM's screen: basic (the console, always there) or enhanced (RDP into the guest), chosen by hand. */
import { useEffect } from 'react';
import type { EnhancedSession } from '../../../../../app/config/model.js';
import type { MessageKey } from '../../../../../app/i18n/catalogue.js';
import type { Translator } from '../../../../../app/i18n/translator.js';
import type { VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { DEFAULT_SESSION_MODE, SESSION_MODES, type SessionMode } from '../../../../../app/session/mode.js';
import { hasScreen } from '../../../../../app/vm/state.js';
import { useT } from '../../../i18n/context.js';
import { Button } from '../../../kit/Button/Button.js';
import { Card } from '../../../kit/Card/Card.js';
import { Segmented, type Segment } from '../../../kit/Segmented/Segmented.js';
import { useHako } from '../../../store/context.js';
import { vmTitle } from '../vm-title.js';
import { useSession } from './use-session-mode.js';
import './SessionCard.css';

const MODE_ICONS = { basic: 'monitor', enhanced: 'sliders' } as const;

/** The redirections worth naming in the summary, in the words of the summary. */
const REDIRECTIONS: readonly (readonly [keyof EnhancedSession, MessageKey])[] = [
  ['RedirectClipboard', 'session.redirect.clipboard'],
  ['RedirectAudio', 'session.redirect.audio'],
  ['RedirectAudioCapture', 'session.redirect.microphone'],
  ['RedirectDrives', 'session.redirect.drives'],
  ['RedirectPrinters', 'session.redirect.printers'],
  ['RedirectSmartCards', 'session.redirect.smartCards'],
  ['RedirectDevices', 'session.redirect.devices'],
];

function enhancedSummary(tr: Translator, session: EnhancedSession | undefined): string {
  const on = session ? REDIRECTIONS.filter(([key]) => session[key] === true).map(([, words]) => tr.t(words)) : [];
  return tr.t('session.enhanced.body', { redirections: on.length > 0 ? tr.list(on) : tr.t('session.enhanced.none') });
}

export function SessionCard({ vm }: { readonly vm: VmSnapshotDto }) {
  const tr = useT();
  const { t } = tr;
  const session = useSession(vm.path, vmTitle(vm));
  const setSession = useHako((s) => s.setSession);
  const setVmTab = useHako((s) => s.setVmTab);
  const live = hasScreen(vm.state);
  // A VM that stopped took its session with it.
  useEffect(() => {
    if (!live && session.connected !== null) setSession(vm.path, null);
  }, [live, session.connected, setSession, vm.path]);
  const modes: readonly Segment<SessionMode>[] = SESSION_MODES.map((value) => ({ value, label: t(`session.${value}`), icon: MODE_ICONS[value] }));
  return (
    <Card title={t('session.title')} icon="monitor">
      <Segmented label={t('session.mode')} value={session.mode ?? DEFAULT_SESSION_MODE} options={modes} onChange={session.choose} disabled={session.mode === null} />
      <p className="muted session-explain">{session.mode === 'enhanced' ? enhancedSummary(tr, vm.config?.EnhancedSession) : t('session.basic.body')}</p>
      <p className="muted small">{t('session.manual')}</p>
      <div className="button-row">
        <Button variant="primary" icon="monitor" disabled={!live} focusableWhenDisabled onClick={() => setVmTab('screen')}>
          {t('session.openConsole')}
        </Button>
        <Button icon="external" disabled={!live || session.mode === null || session.connecting} focusableWhenDisabled onClick={session.connect}>
          {session.connecting ? t('session.connecting') : t('screen.external')}
        </Button>
        <Button icon="close" disabled={!live || session.connected === null} focusableWhenDisabled onClick={session.disconnect}>
          {t('session.disconnect')}
        </Button>
      </div>
      <p className="muted small" role="status">
        {!live ? t('session.startFirst') : session.connected !== null ? t('session.connected', { mode: session.connected }) : t('session.notConnected')}
      </p>
    </Card>
  );
}
