/**
 * A VM's session: the mode the user chose for it (remembered by main, per VM), and connecting or
 * disconnecting the remote desktop window. The mode changes at once and rolls back if main refuses it.
 */
import { useState } from 'react';
import { DEFAULT_SESSION_MODE, type SessionMode } from '../../../../../app/session/mode.js';
import { useApiCall } from '../../../api/use-api-call.js';
import { useApiQuery } from '../../../api/use-api-query.js';
import { useHako } from '../../../store/context.js';

export interface Session {
  /** Null until main said which mode the VM uses. */
  readonly mode: SessionMode | null;
  readonly connecting: boolean;
  choose(mode: SessionMode): void;
  connect(): void;
  disconnect(): void;
}

export function useSession(path: string): Session {
  const call = useApiCall();
  const notify = useHako((s) => s.notify);
  const stored = useApiQuery('Could not read the session mode', (api) => api.invoke('session.getMode', { path }), path);
  const [chosen, setChosen] = useState<SessionMode | null>(null);
  const [connecting, setConnecting] = useState(false);
  const mode = chosen ?? stored.data ?? (stored.loading ? null : DEFAULT_SESSION_MODE);

  return {
    mode,
    connecting,
    choose(next) {
      const previous = mode;
      setChosen(next);
      void call('Could not remember the session mode', (api) => api.invoke('session.setMode', { path, mode: next })).then((outcome) => {
        if (!outcome.ok) setChosen(previous);
      });
    },
    connect() {
      if (mode === null) return;
      setConnecting(true);
      void call('Could not connect to the VM', (api) => api.invoke('session.connect', { path, mode })).then((outcome) => {
        setConnecting(false);
        if (outcome.ok) notify({ kind: 'message', tone: 'success', title: `Connecting to the ${mode} session`, message: 'The remote desktop window opens on this computer.' });
      });
    },
    disconnect() {
      void call('Could not disconnect', (api) => api.invoke('session.disconnect', { path }));
    },
  };
}
