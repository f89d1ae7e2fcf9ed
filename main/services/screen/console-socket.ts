/**
 * The browser's end of a console connection, as the proxy needs it: a WebSocket carrying binary
 * messages. The endpoints (the browser host's `/console`, Electron's loopback console server) adapt a
 * `ws` WebSocket to this; tests use an in-memory pair.
 */
export interface ConsoleSocket {
  /** Every message, in order; `binary` false for text frames (which RDCleanPath never sends). */
  onMessage(listener: (data: Uint8Array, binary: boolean) => void): void;
  /** Once, when the socket is gone (closed by either side, or broken). */
  onClose(listener: () => void): void;
  /** Sends one binary message; `sent` runs once it is handed to the network (or failed). */
  send(data: Uint8Array, sent?: () => void): void;
  /** Bytes waiting to be sent (backpressure). */
  readonly bufferedAmount: number;
  /** Stops (and restarts) reading the browser's messages while the VM's side is full. */
  pause(): void;
  resume(): void;
  /** A closing handshake with `code`; the socket is destroyed if the peer does not answer soon. */
  close(code: number, reason: string): void;
}
