/**
 * The Screen tab: the VM's screen inside Hako (IronRDP in a frame of its own, console.html), basic or
 * enhanced as the user chooses (remembered per VM), fit to the window or at 100 %, full screen, a few
 * keys the host would otherwise keep, and the external client as the second choice. Leaving the tab
 * ends the session: the frame, and its connection, go with it.
 */
import { useRef, useState } from 'react';
import type { VmSnapshotDto } from '../../../../app/ipc/contract.js';
import { CONSOLE_DOCUMENT } from '../../../../app/session/console.js';
import { DEFAULT_SESSION_MODE, SESSION_MODES, type SessionMode } from '../../../../app/session/mode.js';
import { useT } from '../../i18n/context.js';
import { Button } from '../../kit/Button/Button.js';
import { MenuButton } from '../../kit/MenuButton/MenuButton.js';
import { Segmented } from '../../kit/Segmented/Segmented.js';
import { useHako } from '../../store/context.js';
import { useSession } from '../vm/overview/use-session-mode.js';
import { vmTitle } from '../vm/vm-title.js';
import type { ConsoleScale } from './console-protocol.js';
import { CredentialsDialog } from './CredentialsDialog.js';
import { ScreenOverlay } from './ScreenOverlay.js';
import { useConsole } from './use-console.js';
import { useFillHeight, useFullscreen } from './use-fullscreen.js';
import './ScreenTab.css';

export function ScreenTab({ vm }: { readonly vm: VmSnapshotDto }) {
  const { t } = useT();
  const name = vmTitle(vm);
  const session = useSession(vm.path, name);
  const select = useHako((s) => s.select);
  const toolbarRef = useRef<HTMLButtonElement | null>(null);
  const { controller, status, frameRef, viewportRef } = useConsole(vm, () => toolbarRef.current?.focus());
  const fullscreen = useFullscreen(viewportRef);
  useFillHeight(viewportRef);
  const [scale, setScale] = useState<ConsoleScale>(controller.currentScale);
  const mode = session.mode ?? DEFAULT_SESSION_MODE;
  const connected = status.kind === 'connected';
  const busy = status.kind === 'connecting' || status.kind === 'reconnecting' || status.kind === 'credentials';

  const chooseMode = (next: SessionMode) => {
    session.choose(next);
    // Switching while connected reconnects in the new mode: the switch is always the user's.
    if (connected || status.kind === 'failed') void controller.connect(next);
  };
  const chooseScale = (next: ConsoleScale) => {
    setScale(next);
    controller.setScale(next);
  };

  return (
    <div className="screen-tab">
      <div className="screen-toolbar" role="toolbar" aria-label={t('screen.toolbar')}>
        <Segmented
          label={t('session.mode')}
          value={mode}
          options={SESSION_MODES.map((value) => ({ value, label: t(`screen.mode.${value}`), icon: value === 'basic' ? 'monitor' : 'sliders' }))}
          onChange={chooseMode}
          disabled={session.mode === null || busy}
        />
        {connected || busy ? (
          <Button icon="plug" ref={toolbarRef} onClick={() => controller.disconnect()}>
            {t('screen.disconnect')}
          </Button>
        ) : (
          <Button
            variant="primary"
            icon="monitor"
            ref={toolbarRef}
            disabled={status.kind !== 'idle' && status.kind !== 'failed'}
            focusableWhenDisabled
            onClick={() => void controller.connect(mode)}
          >
            {t('screen.connect')}
          </Button>
        )}
        <span className="screen-toolbar-gap" />
        <Segmented
          label={t('screen.scale')}
          value={scale}
          options={[
            { value: 'fit', label: t('screen.scale.fit'), icon: 'fit' },
            { value: 'real', label: t('screen.scale.real'), icon: 'actualSize' },
          ]}
          onChange={chooseScale}
        />
        <Button
          icon={fullscreen.active ? 'exitFullScreen' : 'fullScreen'}
          variant="subtle"
          label={fullscreen.active ? t('screen.exitFullScreen') : t('screen.fullScreen')}
          disabled={!connected}
          focusableWhenDisabled
          onClick={fullscreen.toggle}
        />
        <MenuButton
          label={t('screen.keys')}
          icon="keyboard"
          commands={[
            { id: 'ctrl-alt-del', label: t('screen.keys.ctrlAltDel'), disabled: !connected, onSelect: () => controller.sendKeys('ctrl-alt-del') },
            { id: 'windows', label: t('screen.keys.windows'), disabled: !connected, onSelect: () => controller.sendKeys('windows') },
          ]}
        />
      </div>
      <div className="screen-subbar">
        <p className="muted small">{t('session.manual')}</p>
        <Button icon="external" variant="subtle" disabled={status.kind === 'off' || session.mode === null || session.connecting} focusableWhenDisabled onClick={session.connect}>
          {t('screen.external')}
        </Button>
      </div>
      <div className="screen-viewport" ref={viewportRef}>
        <iframe ref={frameRef} className="screen-frame" src={`/${CONSOLE_DOCUMENT}`} title={t('screen.frameTitle', { name })} />
        {!connected && (
          <ScreenOverlay
            status={status}
            mode={mode}
            onRetry={() => void controller.connect(mode)}
            onSignIn={() => void controller.connect('enhanced', { askCredentials: true })}
            onBasic={() => {
              session.choose('basic');
              void controller.connect('basic');
            }}
            onExternal={session.connect}
            onDiagnostics={() => select({ kind: 'diagnostics' })}
          />
        )}
      </div>
      <p className="muted small screen-status" role="status">
        {status.kind === 'connected'
          ? [
              status.keyboard ? t('screen.keyboard.captured') : t('screen.keyboard.released'),
              t('screen.size', { width: String(status.width), height: String(status.height) }),
              ...(status.requested ? [t('screen.requested', { width: String(status.requested.width), height: String(status.requested.height) })] : []),
            ].join(' · ')
          : ''}
      </p>
      {status.kind === 'credentials' && (
        <CredentialsDialog
          vmName={name}
          initial={{ username: status.username, domain: status.domain }}
          canRemember={status.canRemember}
          rejected={status.rejected}
          onSubmit={(credentials, remember) => void controller.submitCredentials(credentials, remember)}
          onCancel={() => controller.cancelCredentials()}
        />
      )}
    </div>
  );
}
