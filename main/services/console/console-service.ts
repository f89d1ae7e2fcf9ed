/**
 * ConsoleService: the serial consoles of VMs (issue 13 §2). For each COM port the UI opens, main connects
 * to the VM's COM pipe (`ComPorts.ComPort1/2`; HCS key "0"/"1") as a client, hands what the VM writes to
 * the UI as output events, and sends the UI's keystrokes back (serial-console.ts has the back-pressure
 * and reconnect rules). One console per VM and port: opening it again (a reloaded UI) returns the same
 * console and starts its acknowledgement window afresh.
 *
 * Scroll-back is saved from the text the UI sends (`saveText`): the terminal's buffer is what the user
 * sees and can scroll (escape sequences applied, cleared screens gone), it is bounded by the terminal's
 * scroll-back setting, and main keeps no copy of the output — keeping one would break the 1 MiB bound.
 * The path has been through its guard (a `.txt`/`.log` outside system folders); the first part replaces
 * the file atomically, later parts (`append`) are added to it, so a long buffer can come in pieces that
 * fit the transports' message limit.
 */
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { comPortPipe, type ComPortName } from '../../../app/console/com-ports.js';
import type { VmConfig } from '../../../app/config/index.js';
import { HakoError } from '../../../app/errors/error-info.js';
import { isLive, type VmState } from '../../../app/vm/state.js';
import { writeFileAtomic } from '../../files/atomic.js';
import { fileKey } from '../../files/file-key.js';
import { SerialConsole, type ConsoleState } from './serial-console.js';

/** What the service needs of the VMs: VmService fits. */
export interface ConsoleVms {
  get(vmPath: string): { readonly path: string; readonly state: VmState; readonly config: VmConfig | null };
  onChange(listener: (vm: { readonly path: string; readonly state: VmState }) => void): () => void;
}

export interface ConsoleServiceOptions {
  readonly vms: ConsoleVms;
  /** The local path to connect to for a pipe name: the name itself on Windows (pipe-path.ts). */
  pipePath(pipeName: string): string;
  readonly connectTimeoutMs?: number;
  /** The longest wait between two attempts to reach a pipe that is not there yet. */
  readonly maxRetryMs?: number;
}

export interface ConsoleStatus {
  readonly consoleId: string;
  readonly path: string;
  readonly port: ComPortName;
  readonly state: ConsoleState;
  /** Main stopped reading the pipe because the UI is behind. */
  readonly throttled: boolean;
  readonly pipe: string | null;
  readonly error: HakoError | null;
}

export interface ConsoleOutput {
  readonly consoleId: string;
  readonly data: Buffer;
}

const NON_BLOCKING = constants.O_NONBLOCK ?? 0;

export class ConsoleService {
  private readonly consoles = new Map<string, SerialConsole>();
  private readonly outputListeners = new Set<(output: ConsoleOutput) => void>();
  private readonly stateListeners = new Set<(status: ConsoleStatus) => void>();
  private readonly stopWatching: () => void;

  constructor(private readonly options: ConsoleServiceOptions) {
    this.stopWatching = options.vms.onChange((vm) => {
      const key = fileKey(vm.path);
      for (const console of this.consoles.values()) if (fileKey(console.vmPath) === key) console.vmChanged();
    });
  }

  /** Opens (or finds) the console of a library VM's port. Fails with ConsoleNotConfigured when the file gives the port no pipe. */
  open(vmPath: string, port: ComPortName): ConsoleStatus {
    const key = fileKey(vmPath);
    const existing = [...this.consoles.values()].find((c) => fileKey(c.vmPath) === key && c.port === port);
    if (existing) {
      existing.restartWindow();
      return status(existing);
    }
    const vm = this.options.vms.get(vmPath);
    if (comPortPipe(vm.config, port) === null) {
      throw new HakoError('ConsoleNotConfigured', `The VM has no named pipe for ${port}; set one in its COM port settings.`, { path: vm.path, port });
    }
    const console = new SerialConsole(randomUUID(), vm.path, port, {
      pipeName: () => comPortPipe(this.currentConfig(vm.path), port),
      pipePath: (pipe) => this.options.pipePath(pipe),
      live: () => this.isLive(vm.path),
      output: (c, data) => this.emitOutput({ consoleId: c.id, data }),
      changed: (c) => this.changed(c),
      connectTimeoutMs: this.options.connectTimeoutMs ?? 5_000,
      maxRetryMs: this.options.maxRetryMs ?? 2_000,
    });
    this.consoles.set(console.id, console);
    console.vmChanged();
    return status(console);
  }

  /** Sends the UI's input (UTF-8) to the VM. */
  write(consoleId: string, data: string): void {
    this.existing(consoleId).write(Buffer.from(data, 'utf8'));
  }

  ack(consoleId: string, bytes: number): void {
    this.existing(consoleId).ack(bytes);
  }

  close(consoleId: string): void {
    this.existing(consoleId).close();
  }

  status(consoleId: string): ConsoleStatus {
    return status(this.existing(consoleId));
  }

  list(): ConsoleStatus[] {
    return [...this.consoles.values()].map(status);
  }

  /** Writes scroll-back text the UI sends (see the file comment); `file` has been through its path guard. */
  async saveText(file: string, text: string, append: boolean): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    if (!append) {
      await writeFileAtomic(file, bytes);
      return;
    }
    // Appending opens the file the first part made, non-blocking, and checks the handle is a regular file.
    const handle = await open(file, constants.O_WRONLY | constants.O_APPEND | NON_BLOCKING);
    try {
      if (!(await handle.stat()).isFile()) throw new HakoError('NotAFile', `${file} is not a regular file.`, { path: file });
      await handle.write(bytes);
    } finally {
      await handle.close();
    }
  }

  onOutput(listener: (output: ConsoleOutput) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  onState(listener: (status: ConsoleStatus) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  dispose(): void {
    this.stopWatching();
    for (const console of this.consoles.values()) console.close();
    this.outputListeners.clear();
    this.stateListeners.clear();
  }

  private existing(consoleId: string): SerialConsole {
    const console = this.consoles.get(consoleId);
    if (!console) throw new HakoError('ConsoleUnknown', 'That console is closed; open it again.', { consoleId });
    return console;
  }

  private currentConfig(vmPath: string): VmConfig | null {
    try {
      return this.options.vms.get(vmPath).config;
    } catch {
      return null;
    }
  }

  private isLive(vmPath: string): boolean {
    try {
      return isLive(this.options.vms.get(vmPath).state);
    } catch {
      return false;
    }
  }

  private changed(console: SerialConsole): void {
    if (console.state === 'closed') this.consoles.delete(console.id);
    const current = status(console);
    for (const listener of this.stateListeners) {
      try {
        listener(current);
      } catch {
        // A broken listener must not stop a console.
      }
    }
  }

  private emitOutput(output: ConsoleOutput): void {
    for (const listener of this.outputListeners) {
      try {
        listener(output);
      } catch {
        // as above
      }
    }
  }
}

function status(console: SerialConsole): ConsoleStatus {
  return { consoleId: console.id, path: console.vmPath, port: console.port, state: console.state, throttled: console.throttled, pipe: console.pipe, error: console.error };
}
