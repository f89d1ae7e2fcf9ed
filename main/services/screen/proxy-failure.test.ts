// What IronRDP is told when the proxy fails: the RDCleanPath error for each of main's refusals, and the
// TLS alert read from Node's handshake errors.
import { describe, expect, it } from 'vitest';
import { HakoError } from '../../../app/errors/error-info.js';
import { answerFor, tlsAlertOf } from './proxy-failure.js';

describe('the proxy’s answers', () => {
  it('maps each refusal of `open` to the HTTP status or WSA code the web client reports', () => {
    const answer = (code: string) => answerFor(new HakoError(code as never, 'x', {})).error;
    expect(answer('ConsoleTicketInvalid')).toEqual({ errorCode: 1, httpStatusCode: 401 });
    expect(answer('ConsoleNotVmWorker')).toEqual({ errorCode: 1, httpStatusCode: 403 });
    expect(answer('VmNotRunning')).toEqual({ errorCode: 1, httpStatusCode: 404 });
    expect(answer('VmUnknown')).toEqual({ errorCode: 1, httpStatusCode: 404 });
    expect(answer('SessionUnavailable')).toEqual({ errorCode: 1, wsaLastError: 10061 });
    expect(answer('Internal')).toEqual({ errorCode: 1, httpStatusCode: 500 });
  });

  it('reads the TLS alert from OpenSSL’s message or Node’s error code, and nothing from anything else', () => {
    expect(tlsAlertOf(new Error('error:0A000410:SSL routines::sslv3 alert handshake failure:SSL alert number 40'))).toBe(40);
    expect(tlsAlertOf(new Error('SSL alert number 999'))).toBeNull();
    expect(tlsAlertOf(Object.assign(new Error('protocol version'), { code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' }))).toBe(70);
    expect(tlsAlertOf(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toBeNull();
  });
});
