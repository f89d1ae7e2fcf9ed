/**
 * How the console proxy fails: each failure is a HakoError for Hako (the outcome the UI explains) and
 * the RDCleanPath error PDU IronRDP gets for it (an HTTP status, a WSA code or a TLS alert, which the
 * web client surfaces through `rdcleanpathDetails()`, reference/sessions.md §2).
 */
import type { HakoError } from '../../../app/errors/error-info.js';
import { GENERAL_ERROR_CODE, RDCLEANPATH_VERSION, type RdCleanPathPdu } from './rdcleanpath.js';

export const WSA = { ECONNRESET: 10054, ETIMEDOUT: 10060, ECONNREFUSED: 10061 } as const;
/** TLS alert handshake_failure (RFC 8446 §6), when the server sent none of its own. */
export const TLS_HANDSHAKE_FAILURE = 40;

/** A failure and the RDCleanPath error the client gets for it. */
export class Failure extends Error {
  constructor(
    readonly error: HakoError,
    readonly answer: RdCleanPathPdu | null,
  ) {
    super(error.message);
  }
}

export const generalError = (fields: { httpStatusCode?: number; wsaLastError?: number; tlsAlertCode?: number }): RdCleanPathPdu => ({
  version: RDCLEANPATH_VERSION,
  error: { errorCode: GENERAL_ERROR_CODE, ...fields },
});

/** The RDCleanPath answer for a HakoError `open` rejected with. */
export function answerFor(error: HakoError): RdCleanPathPdu {
  switch (error.code) {
    case 'ConsoleTicketInvalid':
      return generalError({ httpStatusCode: 401 });
    case 'ConsoleNotVmWorker':
      return generalError({ httpStatusCode: 403 });
    case 'VmNotRunning':
    case 'VmUnknown':
      return generalError({ httpStatusCode: 404 });
    case 'SessionUnavailable':
      return generalError({ wsaLastError: WSA.ECONNREFUSED });
    default:
      return generalError({ httpStatusCode: 500 });
  }
}

/** The alert number OpenSSL names in a handshake error ("…alert number 40", or its code's name). */
export function tlsAlertOf(error: Error): number | null {
  const match = /alert number (\d{1,3})/i.exec(error.message);
  if (match !== null) {
    const value = Number(match[1]);
    return value <= 255 ? value : null;
  }
  const code = (error as { code?: unknown }).code;
  const names: Record<string, number> = {
    ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE: 40,
    ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION: 70,
    ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR: 80,
    ERR_SSL_TLSV1_ALERT_DECODE_ERROR: 50,
    ERR_SSL_TLSV1_ALERT_ACCESS_DENIED: 49,
  };
  return typeof code === 'string' && code in names ? names[code]! : null;
}
