/**
 * One COM port's console: its state (connected, waiting for the VM, stopped, closed), a note while main
 * has paused the output because the terminal is behind, search, save as text, and the terminal.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { showsFirmware, type ComPortName } from '../../../../../app/console/com-ports.js';
import type { ConsoleStatusDto, VmSnapshotDto } from '../../../../../app/ipc/contract.js';
import { isLive } from '../../../../../app/vm/state.js';
import { useApi } from '../../../api/context.js';
import { useHako } from '../../../store/context.js';
import { describeError, type ShownError } from '../../../errors/shown-error.js';
import { useT } from '../../../i18n/context.js';
import { Badge, type BadgeTone } from '../../../kit/Badge/Badge.js';
import { Button } from '../../../kit/Button/Button.js';
import { ErrorDetails } from '../../../kit/ErrorDetails/ErrorDetails.js';
import { InfoBar } from '../../../kit/InfoBar/InfoBar.js';
import { TextField } from '../../../kit/TextField/TextField.js';
import { ConsoleConnection } from './console-connection.js';
import { defaultSavePath } from './console-text.js';
import { SaveTextDialog } from './SaveTextDialog.js';
import { PAUSED_NOTE_HOLD_MS, useHeld } from './use-held.js';
import { terminalText, useTerminal } from './use-terminal.js';

type ShownState = 'opening' | 'waiting' | 'connecting' | 'open' | 'vm-stopped' | 'closed';

const TONES: Readonly<Record<ShownState, BadgeTone>> = { opening: 'busy', waiting: 'neutral', connecting: 'busy', open: 'success', 'vm-stopped': 'neutral', closed: 'danger' };

function shownState(status: ConsoleStatusDto | null, vmLive: boolean, failed: boolean): ShownState {
  if (status === null) return failed ? 'closed' : 'opening';
  if (status.state === 'connecting') return vmLive ? 'connecting' : 'waiting';
  return status.state;
}

export function ConsolePanel({ vm, port }: { readonly vm: VmSnapshotDto; readonly port: ComPortName }) {
  const { t } = useT();
  const api = useApi();
  const notify = useHako((s) => s.notify);
  const host = useRef<HTMLDivElement>(null);
  const toolbar = useRef<HTMLFormElement>(null);
  const connection = useRef<ConsoleConnection | null>(null);
  const [status, setStatus] = useState<ConsoleStatusDto | null>(null);
  /** When main last said it paused the output (see use-held.ts). */
  const [lastPause, setLastPause] = useState(0);
  const [error, setError] = useState<ShownError | null>(null);
  const [query, setQuery] = useState('');
  const [noMatch, setNoMatch] = useState(false);
  const [saving, setSaving] = useState(false);

  const parts = useTerminal(host, {
    label: t('console.input', { port }),
    onInput: (data) => connection.current?.input(data),
    onLeave: () => toolbar.current?.querySelector('input')?.focus(),
    onClipboardError: (action, failure) => notify({ kind: 'message', tone: 'error', title: t(action === 'copy' ? 'console.clipboard.copyFailed' : 'console.clipboard.pasteFailed'), error: describeError(failure) }),
  });

  useEffect(() => {
    if (!parts) return;
    const opened = new ConsoleConnection(api, vm.path, port, { write: (data, done) => parts.terminal.write(data, done) }, {
      status: (next) => {
        if (next.throttled) setLastPause(Date.now());
        setStatus(next);
        if (next.error) setError(describeError(next.error));
      },
      failed: (failure) => setError(describeError(failure)),
    });
    connection.current = opened;
    void opened.open();
    return () => {
      connection.current = null;
      opened.dispose();
    };
  }, [api, vm.path, port, parts]);

  const reconnect = () => {
    setError(null);
    setStatus(null);
    void connection.current?.open();
  };

  const find = (backwards: boolean) => {
    if (!parts || query === '') return;
    const found = backwards ? parts.search.findPrevious(query) : parts.search.findNext(query);
    setNoMatch(!found);
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    find(false);
  };

  const paused = useHeld(status?.throttled === true, PAUSED_NOTE_HOLD_MS, lastPause);
  const state = shownState(status, isLive(vm.state), error !== null);
  const stateText = t(`console.state.${state === 'vm-stopped' ? 'vmStopped' : state}`);

  return (
    <div className="console-panel">
      <div className="console-status">
        <p role="status" aria-label={t('console.stateLabel', { port, state: stateText })}>
          <Badge tone={TONES[state]}>{stateText}</Badge>
        </p>
        <p className="muted">{t(`console.stateHelp.${state === 'vm-stopped' ? 'vmStopped' : state}`)}</p>
        {showsFirmware(vm.config, port) && <p className="muted">{t('console.firmware')}</p>}
      </div>
      {paused && (
        <InfoBar tone="warning" level={3} title={t('console.paused.title')}>
          {t('console.paused.body')}
        </InfoBar>
      )}
      {state === 'closed' && (
        <InfoBar tone="error" level={3} title={t('console.closed.title', { port })} actions={<Button onClick={reconnect}>{t('console.reconnect')}</Button>}>
          {error && <ErrorDetails error={error} />}
        </InfoBar>
      )}
      <form ref={toolbar} className="console-toolbar" onSubmit={onSearch}>
        <TextField
          label={t('console.find')}
          value={query}
          onChange={(value) => {
            setQuery(value);
            setNoMatch(false);
          }}
        />
        <Button icon="up" label={t('console.findPrevious')} disabled={query === ''} onClick={() => find(true)} />
        <Button icon="down" label={t('console.findNext')} disabled={query === ''} type="submit" />
        <span className="console-find-result" role="status" aria-live="polite">
          {noMatch ? t('console.noMatch', { query }) : ''}
        </span>
        <Button icon="save" className="console-save" onClick={() => setSaving(true)} disabled={!parts}>
          {t('console.save.open')}
        </Button>
      </form>
      <p className="console-hint muted">{t('console.leaveHint')}</p>
      <div ref={host} className="console-terminal" role="group" aria-label={t('console.terminal', { port })} />
      {saving && parts && (
        <SaveTextDialog port={port} initialPath={defaultSavePath(vm.path, vm.config?.Name ?? vm.id, port)} text={() => terminalText(parts.terminal)} onClose={() => setSaving(false)} />
      )}
    </div>
  );
}
