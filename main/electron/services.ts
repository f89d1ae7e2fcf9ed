/**
 * The shell talks to the services (main/app-services.ts) only through the contract: the tray, the quit
 * dialog and the session-end guard use the same calls the renderer does, through `dispatch`.
 */
import type { Dispatch } from '../../app/ipc/dispatch.js';
import type { CallInput, CallName, CallOutput } from '../../app/ipc/contract.js';

/** A failed call made by the shell itself. */
export class ShellCallError extends Error {
  override readonly name = 'ShellCallError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** A call through the contract from the shell; throws the envelope's error. */
export async function call<K extends CallName>(dispatch: Dispatch, name: K, ...input: CallInput<K> extends undefined ? [] : [CallInput<K>]): Promise<CallOutput<K>> {
  const envelope = await dispatch(name, input[0]);
  if (envelope.ok) return envelope.value as CallOutput<K>;
  throw new ShellCallError(envelope.error.code, envelope.error.message);
}
