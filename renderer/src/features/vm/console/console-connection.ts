/**
 * One serial console as the UI holds it: opens it in main (`console.open`), feeds the `console.output`
 * events of this console to the terminal and acknowledges each chunk once the terminal has written it
 * (`console.ack`), so main's back-pressure (it stops reading the VM's pipe at 1 MiB unacknowledged) follows
 * how fast the terminal really draws. Keystrokes go back in order (`console.write`, in pieces within the
 * contract's bound). `console.state` events keep the status current; main reconnects by itself through VM
 * stops and restarts, so the UI only shows the state, and opens again when the console closed.
 */
import type { ComPortName } from '../../../../../app/console/com-ports.js';
import type { ConsoleStatusDto, EventPayload, HakoApi } from '../../../../../app/ipc/contract.js';
import { splitText } from './console-text.js';

/** `console.write`'s largest `data` (app/ipc/contract.ts). */
export const WRITE_PART_CHARS = 65_536;

export interface TerminalSink {
  /** Writes raw bytes; calls `done` once they are on the screen (xterm's write callback). */
  write(data: Uint8Array, done: () => void): void;
}

export interface ConnectionEvents {
  status(status: ConsoleStatusDto): void;
  /** A call failed (opening, typing): the UI shows it. */
  failed(error: unknown): void;
}

type Output = EventPayload<'console.output'>;

export class ConsoleConnection {
  private consoleId: string | null = null;
  /** Output that came while `console.open` was on its way (its console id not known yet). */
  private early: Output[] | null = [];
  private writes: Promise<void> = Promise.resolve();
  private disposed = false;
  private readonly unsubscribe: (() => void)[];

  constructor(
    private readonly api: HakoApi,
    readonly vmPath: string,
    readonly port: ComPortName,
    private readonly sink: TerminalSink,
    private readonly events: ConnectionEvents,
  ) {
    this.unsubscribe = [
      api.on('console.output', (output) => this.output(output)),
      api.on('console.state', (status) => {
        if (status.consoleId === this.consoleId) this.events.status(status);
      }),
    ];
  }

  /** Opens (or finds) the console; again after it closed. */
  async open(): Promise<void> {
    this.early = [];
    try {
      const status = await this.api.invoke('console.open', { path: this.vmPath, port: this.port });
      if (this.disposed) {
        void this.api.invoke('console.close', { consoleId: status.consoleId }).catch(() => undefined);
        return;
      }
      this.consoleId = status.consoleId;
      this.events.status(status);
      const early = this.early ?? [];
      this.early = null;
      for (const output of early) this.output(output);
    } catch (error) {
      this.early = null;
      if (!this.disposed) this.events.failed(error);
    }
  }

  /** Sends what the user typed or pasted, in order. */
  input(text: string): void {
    const consoleId = this.consoleId;
    if (consoleId === null || text === '') return;
    for (const data of splitText(text, WRITE_PART_CHARS)) {
      this.writes = this.writes.then(() => this.api.invoke('console.write', { consoleId, data })).catch((error: unknown) => this.events.failed(error));
    }
  }

  /** Stops listening and closes the console in main (nothing keeps reading a pipe nobody watches). */
  dispose(): void {
    this.disposed = true;
    for (const stop of this.unsubscribe) stop();
    const consoleId = this.consoleId;
    this.consoleId = null;
    if (consoleId !== null) void this.api.invoke('console.close', { consoleId }).catch(() => undefined);
  }

  private output(output: Output): void {
    if (this.disposed) return;
    if (this.consoleId === null) {
      this.early?.push(output);
      return;
    }
    if (output.consoleId !== this.consoleId) return;
    const consoleId = this.consoleId;
    this.sink.write(decodeBase64(output.data), () => {
      if (this.consoleId === consoleId) void this.api.invoke('console.ack', { consoleId, bytes: output.bytes }).catch(() => undefined);
    });
  }
}

export function decodeBase64(data: string): Uint8Array {
  const binary = atob(data);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
