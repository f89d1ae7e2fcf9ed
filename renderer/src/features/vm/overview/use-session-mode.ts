/**
 * A VM's session: the mode the user chose for it (remembered by main, per VM), and connecting or
 * disconnecting the remote desktop window. The mode changes at once and rolls back if main refuses it.
 */
import { useState } from 'react';
import { DEFAULT_SESSION_MODE, type SessionMode } from '../../../../../app/session/mode.js';
import { useApiCall } from '../../../api/use-api-call.js';
import { useApiQuery } from '../../../api/use-api-query.js';
import { useT } from '../../../i18n/context.js';
import { useHako } from '../../../store/context.js';

export interface Session {
  /** Null until main said which mode the VM uses. */
  readonly mode: SessionMode | null;
  readonly connecting: boolean;
  /** The mode of the remote desktop window this window opened, if one is open. */
  readonly connected: SessionMode | null;
  choose(mode: SessionMode): void;
  connect(): void;
  disconnect(): void;
}

export function useSession(path: string, name: string): Session {
  const { t } = useT();
  const call = useApiCall();
  const notify = useHako((s) => s.notify);
  const connected = useHako((s) => s.sessions[path] ?? null);
  const setSession = useHako((s) => s.setSession);
  const stored = useApiQuery(t('session.readFailed'), (api) => api.invoke('session.getMode', { path }), path);
  const [chosen, setChosen] = useState<SessionMode | null>(null);
  const [connecting, setConnecting] = useState(false);
  const mode = chosen ?? stored.data ?? (stored.loading ? null : DEFAULT_SESSION_MODE);

  return {
    mode,
    connecting,
    connected,
    choose(next) {
      const previous = mode;
      setChosen(next);
      void call(t('session.rememberFailed'), (api) => api.invoke('session.setMode', { path, mode: next })).then((outcome) => {
        if (!outcome.ok) setChosen(previous);
      });
    },
    connect() {
      if (mode === null) return;
      setConnecting(true);
      void call(t('session.connectFailed'), (api) => api.invoke('session.connect', { path, mode })).then((outcome) => {
        setConnecting(false);
        if (!outcome.ok) return;
        setSession(path, mode);
        notify({ kind: 'message', tone: 'success', title: t('session.connectingTitle', { mode }), message: t('session.connectingBody') });
      });
    },
    disconnect() {
      void call(t('session.disconnectFailed'), (api) => api.invoke('session.disconnect', { path })).then((outcome) => {
        if (!outcome.ok) return;
        setSession(path, null);
        notify({ kind: 'message', tone: 'info', title: t('session.disconnected', { name }) });
      });
    },
  };
}
