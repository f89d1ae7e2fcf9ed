/**
 * Why a console connection failed, in the user's words, and what they can do next. Two witnesses: main's
 * result for the ticket (what the proxy saw: the pipe, its server, the TLS handshake, the negotiation),
 * and IronRDP's error in the console document (what the client saw after the proxy: the guest's sign-in).
 * Main's word wins for everything up to the relay; after it, only the client knows.
 */
import type { MessageKey } from '../../../../app/i18n/catalogue.js';
import type { ConsoleResultDto } from '../../../../app/ipc/contract.js';
import type { SessionMode } from '../../../../app/session/mode.js';
import { fromInfo, type ShownError } from '../../errors/shown-error.js';
import type { ConsoleFailure } from './console-protocol.js';

export type FailureAction = 'retry' | 'signIn' | 'external' | 'diagnostics' | 'basic';

export interface FailureView {
  readonly title: MessageKey;
  readonly body: MessageKey;
  readonly actions: readonly FailureAction[];
  /** Main's technical account, when it has one. */
  readonly error: ShownError | null;
}

/** IronRDP's `IronErrorKind` (its enum is declared, not exported). */
const KIND = { General: 0, WrongPassword: 1, LogonFailure: 2, AccessDenied: 3, RDCleanPath: 4, ProxyConnect: 5, NegotiationFailure: 6 } as const;

export function describeFailure(result: ConsoleResultDto | null, failure: ConsoleFailure | null, mode: SessionMode): FailureView {
  const error = result?.error !== undefined ? fromInfo(result.error) : null;
  const view = (title: MessageKey, body: MessageKey, actions: readonly FailureAction[]): FailureView => ({ title, body, actions, error });
  switch (result?.error?.code) {
    case 'ConsoleTlsFailed':
      return view('screen.failure.tls', 'screen.failure.tlsBody', ['diagnostics', 'retry', 'external']);
    case 'ConsoleSecurityUnsupported':
      return view('screen.failure.standardSecurity', 'screen.failure.standardSecurityBody', ['external', 'retry']);
    case 'ConsoleRefused':
      return view('screen.failure.refused', 'screen.failure.refusedBody', mode === 'basic' ? ['retry', 'external'] : ['basic', 'retry', 'external']);
    case 'ConsoleNotVmWorker':
      return view('screen.failure.notWorker', 'screen.failure.notWorkerBody', ['retry']);
    case 'SessionUnavailable':
      return mode === 'enhanced' ? view('screen.failure.noEnhanced', 'screen.failure.noEnhancedBody', ['basic', 'retry']) : view('screen.failure.unavailable', 'screen.failure.unavailableBody', ['retry', 'external']);
    case undefined:
      break;
    default:
      return view('screen.failure.generic', 'screen.failure.genericBody', ['retry', 'external']);
  }
  // The proxy had nothing to say: the client failed on its own, after the relay or before reaching it.
  switch (failure?.kind) {
    case KIND.WrongPassword:
    case KIND.LogonFailure:
    case KIND.AccessDenied:
      return view('screen.failure.signIn', 'screen.failure.signInBody', ['signIn']);
    case KIND.NegotiationFailure:
      return mode === 'basic' ? view('screen.failure.needsSignIn', 'screen.failure.needsSignInBody', ['external', 'retry']) : view('screen.failure.generic', 'screen.failure.genericBody', ['retry', 'external']);
    case KIND.ProxyConnect:
      return view('screen.failure.proxy', 'screen.failure.proxyBody', ['retry']);
    default:
      return view('screen.failure.generic', 'screen.failure.genericBody', ['retry', 'external']);
  }
}
