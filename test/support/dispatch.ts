/** A Dispatch that answers from a function and records the calls, for shell tests without services. */
import type { Dispatch } from '../../app/ipc/dispatch.js';
import type { Envelope } from '../../app/ipc/contract.js';

export const ok = (value: unknown): Envelope<unknown> => ({ ok: true, value });
export const fail = (code: string, message: string): Envelope<unknown> => ({ ok: false, error: { code, message } });

export function fakeDispatch(answer: (name: string, input: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>) {
  const calls: { name: string; input: unknown }[] = [];
  const dispatch: Dispatch = async (name, input) => {
    calls.push({ name, input });
    return answer(name, input);
  };
  return { dispatch, calls };
}

/** A `vm.changed` payload as the services send it. */
export const snapshot = (p: string, state: string, actions: string[] = []) => ({
  path: p,
  id: p.replace(/^.*[\\/]/, '').replace(/\.7b$/, ''),
  state,
  actions,
  config: null,
  findings: [],
  lastError: null,
  pendingRestart: [],
});

/** A `library.list` entry as the services send it (app/vm/summary.ts). */
export const summary = (p: string, state: string, actions: string[] = []) => {
  const id = p.replace(/^.*[\\/]/, '').replace(/\.7b$/, '');
  return { path: p, id, name: id, guest: null, state, actions, processors: null, memoryMb: null, problems: { errors: 0, warnings: 0 }, lastError: null, outlivesHako: false, lastStartedAt: null, loading: false };
};
