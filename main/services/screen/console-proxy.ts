/**
 * One console connection: the RDCleanPath proxy between IronRDP in the renderer (a WebSocket) and the
 * VM's session pipe (reference/sessions.md §3). The steps, each bounded in time:
 *
 *   1. `awaiting-request`: the first binary message(s) must make one RDCleanPath request (version 3390,
 *      proxy_auth, an X.224 Connection Request); anything else is answered with HTTP 400.
 *   2. `opening`: the token is redeemed and the ticket's pipe opened and identified (`open`, given by the
 *      service: an unknown token is HTTP 401, a pipe not served by the VM's worker 403, a VM that is not
 *      running 404, a missing or busy pipe WSA 10061).
 *   3. `negotiating`: the Connection Request is written unchanged; the server's Connection Confirm read.
 *      TLS selected → step 4. Standard RDP security, or a refusal → an RDCleanPath negotiation error
 *      carrying the server's answer, so IronRDP can say why (the UI says it too, from the outcome).
 *   4. `tls`: the proxy makes the TLS handshake with the server itself, over the pipe, and answers with
 *      the Confirm and the server's certificate chain (DER). A failed handshake is a TLS-alert error.
 *   5. `relaying`: plaintext both ways, with backpressure on both sides.
 *   6. `closed`: whichever side ends, or `end()` (the VM stopped, Hako closes), closes both sockets and
 *      so frees the pipe instance. `done` settles with the outcome.
 *
 * The server's certificate is accepted without validation: the VMMS certificate is self-signed, and the
 * server's identity was settled in step 2 by who serves the pipe (vm-worker.ts).
 */
import type net from 'node:net';
import tls from 'node:tls';
import { HakoError } from '../../../app/errors/error-info.js';
import { CONSOLE_CLOSE_ENDED, CONSOLE_CLOSE_VM_STOPPED } from '../../../app/session/console.js';
import { type ConsoleSocket } from './console-socket.js';
import { answerFor, Failure, generalError, TLS_HANDSHAKE_FAILURE, tlsAlertOf, WSA } from './proxy-failure.js';
import { decodePdu, detectPdu, encodePdu, MAX_PDU_BYTES, NEGOTIATION_ERROR_CODE, RdCleanPathDecodeError, RDCLEANPATH_VERSION, type RdCleanPathPdu } from './rdcleanpath.js';
import { certificateChain, readTpkt } from './server-answers.js';
import { isConnectionRequest, NEGOTIATION_FAILURES, readConnectionConfirm } from './x224.js';

export type ProxyState = 'awaiting-request' | 'opening' | 'negotiating' | 'tls' | 'relaying' | 'closed';
export type EndReason = 'vm-stopped' | 'ended';

/** What `open` gives the proxy: the ticket's VM pipe, connected and identified. */
export interface OpenedPipe {
  readonly ticketId: string;
  readonly vmPath: string;
  /** The pipe's name, `\\.\pipe\<id>.BasicSession`: the RDCleanPath response's `server_addr`. */
  readonly pipeName: string;
  readonly socket: net.Socket;
}

export interface ProxyTimeouts {
  /** For the request to arrive after the WebSocket opened. */
  readonly requestMs: number;
  /** For the ticket's pipe to be opened and identified. */
  readonly openMs: number;
  /** For the server's Connection Confirm. */
  readonly confirmMs: number;
  /** For the TLS handshake. */
  readonly tlsMs: number;
}

export const DEFAULT_TIMEOUTS: ProxyTimeouts = { requestMs: 10_000, openMs: 10_000, confirmMs: 10_000, tlsMs: 10_000 };

export interface ProxyOptions {
  /** Redeems the token and opens its pipe; rejects with a HakoError (see step 2). */
  open(token: string): Promise<OpenedPipe>;
  /** The relay started: the session is established. */
  onRelaying?(): void;
  readonly timeouts?: Partial<ProxyTimeouts>;
}

export interface ProxyOutcome {
  readonly ticketId: string | null;
  readonly vmPath: string | null;
  /** The step the connection reached. */
  readonly reached: Exclude<ProxyState, 'closed'>;
  /** Why it failed or ended; null when the browser or the VM's session closed an established relay. */
  readonly error: HakoError | null;
  readonly bytesToVm: number;
  readonly bytesFromVm: number;
}

/** The browser's side stops being read above this many unsent bytes, and starts again below half. */
const HIGH_WATER = 4 * 1024 * 1024;
const DRAIN_POLL_MS = 50;
/**
 * When the VM powers off, its pipe closes and the VM's state changes independently (HCS documents no
 * order between the two), so a pipe that ends waits this long for the VM-stopped news before telling
 * the browser the session ended with the VM still running (a guest restart, which reconnects).
 */
const PIPE_END_GRACE_MS = 750;
/** Messages the client sends before the relay starts are kept up to this much. */
const MAX_EARLY_BYTES = 1024 * 1024;

export class ConsoleProxy {
  private stateValue: ProxyState = 'awaiting-request';
  private reached: Exclude<ProxyState, 'closed'> = 'awaiting-request';
  private pipe: net.Socket | null = null;
  private secure: tls.TLSSocket | null = null;
  private ticketId: string | null = null;
  private vmPath: string | null = null;
  private received: Uint8Array[] = [];
  private receivedBytes = 0;
  private readonly early: Uint8Array[] = [];
  private earlyBytes = 0;
  private clientGone = false;
  private endError: HakoError | null = null;
  private readonly timeouts: ProxyTimeouts;
  private settle!: (outcome: ProxyOutcome) => void;
  private requestArrived!: (request: Uint8Array) => void;
  private abortStep: ((error: Failure) => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private drainTimer: NodeJS.Timeout | null = null;
  private pipeEndTimer: NodeJS.Timeout | null = null;
  readonly done: Promise<ProxyOutcome>;

  constructor(
    private readonly client: ConsoleSocket,
    private readonly options: ProxyOptions,
  ) {
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.done = new Promise((resolve) => (this.settle = resolve));
    const request = new Promise<Uint8Array>((resolve) => (this.requestArrived = resolve));
    client.onMessage((data, binary) => this.onClientMessage(data, binary));
    client.onClose(() => {
      this.clientGone = true;
      if (this.stateValue === 'relaying') {
        this.finish(null);
        return;
      }
      const gone = new HakoError('ConsoleClosed', 'The console closed its connection before the session was established.', { step: this.stateValue });
      if (this.abortStep !== null) this.abortStep(new Failure(gone, null));
      else this.finish(gone);
    });
    void this.run(request);
  }

  get state(): ProxyState {
    return this.stateValue;
  }

  /** The VM this connection reached (after its ticket was redeemed). */
  get vm(): string | null {
    return this.vmPath;
  }

  /** Ends the connection from Hako's side: the VM stopped, or the session is no longer wanted. */
  end(reason: EndReason): void {
    if (this.stateValue === 'closed') return;
    const error =
      reason === 'vm-stopped'
        ? new HakoError('VmNotRunning', 'The VM stopped, so its screen is gone.', { reason })
        : new HakoError('ConsoleClosed', 'Hako ended the console session.', { reason });
    if (this.abortStep !== null) this.abortStep(new Failure(error, generalError({ httpStatusCode: reason === 'vm-stopped' ? 404 : 410 })));
    else this.finish(error, reason === 'vm-stopped' ? [CONSOLE_CLOSE_VM_STOPPED, 'The VM stopped'] : [CONSOLE_CLOSE_ENDED, 'Hako ended the session']);
  }

  // ---- steps ----

  private async run(request: Promise<Uint8Array>): Promise<void> {
    try {
      const pdu = await this.step('awaiting-request', request, this.timeouts.requestMs, () => this.badRequest('No RDCleanPath request arrived in time.'));
      const { token, x224 } = this.readRequest(pdu);
      const opened = await this.step('opening', this.options.open(token), this.timeouts.openMs, () => this.serverTimeout('opening its pipe'), (late) => late.socket.destroy());
      this.ticketId = opened.ticketId;
      this.vmPath = opened.vmPath;
      this.pipe = opened.socket;
      opened.socket.on('error', () => undefined); // 'close' follows; the step that waits names the failure
      opened.socket.write(x224);
      const confirm = await this.step('negotiating', readTpkt(opened.socket), this.timeouts.confirmMs, () => this.serverTimeout('its answer to the connection request'));
      this.checkConfirm(confirm);
      const secure = await this.step('tls', this.handshake(opened.socket), this.timeouts.tlsMs, () => this.serverTimeout('the TLS handshake'));
      this.answer({ version: RDCLEANPATH_VERSION, x224ConnectionPdu: confirm, serverCertChain: certificateChain(secure), serverAddr: opened.pipeName });
      this.relay(secure);
    } catch (error) {
      const failure = error instanceof Failure ? error : new Failure(new HakoError('Internal', `The console proxy failed: ${error instanceof Error ? error.message : String(error)}`, {}), generalError({ httpStatusCode: 500 }));
      if (failure.answer !== null && !this.clientGone) this.answer(failure.answer, true);
      this.finish(failure.error);
    }
  }

  /**
   * Waits for `promise` in `state`, racing the client's going away, `end()` and the timeout. A value
   * that arrives after the race was lost is handed to `discard` (a pipe opened too late is closed).
   */
  private async step<T>(state: ProxyState, promise: Promise<T>, timeoutMs: number | null, onTimeout: (() => Failure) | null, discard?: (late: T) => void): Promise<T> {
    if (this.stateValue === 'closed') throw new Failure(this.endError ?? new HakoError('ConsoleClosed', 'The console connection ended.', {}), null);
    this.stateValue = state;
    this.reached = state as Exclude<ProxyState, 'closed'>;
    let lost = false;
    const aborted = new Promise<never>((_, reject) => {
      this.abortStep = (failure) => {
        lost = true;
        reject(failure);
      };
      if (timeoutMs !== null && onTimeout !== null) {
        this.timer = setTimeout(() => {
          lost = true;
          reject(onTimeout());
        }, timeoutMs);
      }
    });
    try {
      return await Promise.race([promise, aborted]);
    } catch (error) {
      if (error instanceof Failure) throw error;
      throw this.failureOf(error);
    } finally {
      if (this.timer !== null) clearTimeout(this.timer);
      this.timer = null;
      this.abortStep = null;
      if (lost && discard) void promise.then(discard, () => undefined);
    }
  }

  private failureOf(error: unknown): Failure {
    if (error instanceof HakoError) return new Failure(error, answerFor(error));
    if (error instanceof Failure) return error;
    return new Failure(new HakoError('Internal', `The console proxy failed: ${error instanceof Error ? error.message : String(error)}`, {}), generalError({ httpStatusCode: 500 }));
  }

  private onClientMessage(data: Uint8Array, binary: boolean): void {
    if (this.stateValue === 'closed') return;
    if (!binary) {
      this.abortStep?.(this.badRequest('The console sent a text message; RDCleanPath is binary.'));
      return;
    }
    if (this.stateValue === 'relaying') {
      this.toVm(data);
      return;
    }
    if (this.stateValue !== 'awaiting-request') {
      // The client may write ahead of the response; keep it (bounded) for the relay.
      this.earlyBytes += data.length;
      if (this.earlyBytes > MAX_EARLY_BYTES) this.abortStep?.(this.badRequest('The console sent too much before its session was established.'));
      else this.early.push(data);
      return;
    }
    this.received.push(data);
    this.receivedBytes += data.length;
    const buffer = concat(this.received, this.receivedBytes);
    const detected = detectPdu(buffer);
    if (detected.kind === 'failed' || (detected.kind === 'detected' && detected.totalLength > MAX_PDU_BYTES) || this.receivedBytes > MAX_PDU_BYTES) {
      this.abortStep?.(this.badRequest('The console’s first message is not an RDCleanPath request of version 3390.'));
      return;
    }
    if (detected.kind === 'detected' && buffer.length >= detected.totalLength) {
      this.received = [];
      if (buffer.length > detected.totalLength) this.early.push(buffer.subarray(detected.totalLength));
      this.requestArrived(buffer.subarray(0, detected.totalLength));
    }
  }

  private readRequest(bytes: Uint8Array): { token: string; x224: Uint8Array } {
    let pdu: RdCleanPathPdu;
    try {
      pdu = decodePdu(bytes);
    } catch (error) {
      throw this.badRequest(`The console’s request is not valid RDCleanPath: ${error instanceof RdCleanPathDecodeError ? error.message : String(error)}.`);
    }
    if (pdu.version !== RDCLEANPATH_VERSION) throw this.badRequest(`The console speaks RDCleanPath version ${pdu.version}, not ${RDCLEANPATH_VERSION}.`);
    if (pdu.error !== undefined || pdu.serverCertChain !== undefined || pdu.serverAddr !== undefined) throw this.badRequest('The console sent a response, not a request.');
    if (pdu.preconnectionBlob !== undefined) throw this.badRequest('The console sent a preconnection blob; a VM’s session pipe takes none.');
    if (pdu.proxyAuth === undefined) throw new Failure(new HakoError('ConsoleTicketInvalid', 'The console presented no ticket.', {}), generalError({ httpStatusCode: 401 }));
    if (pdu.x224ConnectionPdu === undefined || !isConnectionRequest(pdu.x224ConnectionPdu)) throw this.badRequest('The console’s request holds no X.224 Connection Request.');
    // `destination` is ignored: the ticket, not the client, says where the connection goes.
    return { token: pdu.proxyAuth, x224: pdu.x224ConnectionPdu };
  }

  private checkConfirm(confirm: Uint8Array): void {
    const verdict = readConnectionConfirm(confirm);
    const negotiationError: RdCleanPathPdu = { version: RDCLEANPATH_VERSION, error: { errorCode: NEGOTIATION_ERROR_CODE }, x224ConnectionPdu: confirm };
    if (verdict.kind === 'tls') return;
    if (verdict.kind === 'standard-rdp') {
      throw new Failure(
        new HakoError(
          'ConsoleSecurityUnsupported',
          'The VM’s session chose standard RDP security instead of TLS; the console in Hako speaks only TLS.',
          {},
          undefined,
          'Open the session in Remote Desktop Connection instead.',
        ),
        negotiationError,
      );
    }
    if (verdict.kind === 'failure') {
      const name = NEGOTIATION_FAILURES[verdict.code] ?? `code ${verdict.code}`;
      throw new Failure(
        new HakoError(
          'ConsoleRefused',
          `The VM’s session refused the connection (${name}).`,
          { failure: verdict.code },
          undefined,
          verdict.code === 3
            ? 'The host has no certificate for the VM console. Diagnostics says how to create the VMMS certificate.'
            : verdict.code === 5
              ? 'The guest asks for a signed-in session: connect with the enhanced session and the guest’s credentials.'
              : 'Open the session in Remote Desktop Connection instead.',
        ),
        negotiationError,
      );
    }
    throw new Failure(new HakoError('ConsoleRefused', `The VM’s session answered with something that is not a Connection Confirm: ${verdict.why}.`, {}), generalError({ httpStatusCode: 502 }));
  }

  private handshake(pipe: net.Socket): Promise<tls.TLSSocket> {
    return new Promise((resolve, reject) => {
      // Identity was checked on the pipe; the self-signed VMMS certificate is accepted as the VM's.
      const secure = tls.connect({ socket: pipe, rejectUnauthorized: false, checkServerIdentity: () => undefined });
      this.secure = secure;
      const failed = (error: Error | null) => {
        const alert = error ? tlsAlertOf(error) : null;
        reject(
          new Failure(
            new HakoError(
              'ConsoleTlsFailed',
              `The TLS handshake with the VM’s session failed${error ? `: ${error.message}` : ' (the VM closed the connection)'}.`,
              alert !== null ? { alert } : {},
              undefined,
              'On a host with only Virtual Machine Platform, the VM console needs the VMMS certificate; Diagnostics says how to create it.',
            ),
            generalError({ tlsAlertCode: alert ?? TLS_HANDSHAKE_FAILURE }),
          ),
        );
      };
      secure.once('secureConnect', () => {
        secure.removeListener('error', failed);
        secure.removeListener('close', onClose);
        resolve(secure);
      });
      const onClose = () => failed(null);
      secure.once('error', failed);
      secure.once('close', onClose);
    });
  }

  // ---- the relay ----

  private relay(secure: tls.TLSSocket): void {
    this.stateValue = 'relaying';
    this.reached = 'relaying';
    secure.on('error', () => undefined); // 'close' follows
    const resumeIfDrained = () => {
      if (!secure.isPaused() || this.client.bufferedAmount >= HIGH_WATER / 2) return;
      if (this.drainTimer !== null) clearInterval(this.drainTimer);
      this.drainTimer = null;
      secure.resume();
    };
    secure.on('data', (chunk: Buffer) => {
      this.client.send(chunk, resumeIfDrained);
      if (this.client.bufferedAmount > HIGH_WATER && !secure.isPaused()) {
        secure.pause();
        // The last send's callback usually resumes; the poll covers a socket that reports no progress.
        this.drainTimer ??= setInterval(resumeIfDrained, DRAIN_POLL_MS);
      }
    });
    secure.once('close', () => {
      this.pipeEndTimer = setTimeout(() => this.finish(null, [1000, 'The VM closed the session']), PIPE_END_GRACE_MS);
    });
    for (const data of this.early.splice(0)) this.toVm(data);
    this.options.onRelaying?.();
  }

  private toVm(data: Uint8Array): void {
    const secure = this.secure;
    if (secure === null || secure.destroyed) return;
    if (!secure.write(data)) {
      this.client.pause();
      secure.once('drain', () => this.client.resume());
    }
  }

  // ---- answers and the end ----

  private answer(pdu: RdCleanPathPdu, thenClose = false): void {
    if (this.clientGone) return;
    this.client.send(encodePdu(pdu), () => {
      if (thenClose) this.client.close(1000, 'RDCleanPath error');
    });
  }

  private badRequest(message: string): Failure {
    return new Failure(new HakoError('ConsoleBadRequest', message, {}), generalError({ httpStatusCode: 400 }));
  }

  private serverTimeout(what: string): Failure {
    return new Failure(
      new HakoError('SessionUnavailable', `The VM’s session did not finish ${what} in time.`, {}, undefined, 'Check that the VM is running; if it is, try again in a moment.'),
      generalError({ wsaLastError: WSA.ETIMEDOUT }),
    );
  }

  /** Closes everything (once); `close` is the code and reason the browser gets, if it is still there. */
  private finish(error: HakoError | null, close?: readonly [number, string]): void {
    if (this.stateValue === 'closed') return;
    this.stateValue = 'closed';
    this.endError = error;
    const pipe = this.pipe;
    const bytes = { bytesToVm: pipe?.bytesWritten ?? 0, bytesFromVm: pipe?.bytesRead ?? 0 };
    if (this.drainTimer !== null) clearInterval(this.drainTimer);
    if (this.pipeEndTimer !== null) clearTimeout(this.pipeEndTimer);
    this.secure?.destroy();
    pipe?.destroy();
    if (!this.clientGone && close !== undefined) this.client.close(close[0], close[1]);
    this.settle({ ticketId: this.ticketId, vmPath: this.vmPath, reached: this.reached, error, ...bytes });
  }
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
