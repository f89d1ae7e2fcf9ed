/**
 * An in-process stand-in for Electron's IPC, for contract tests that run without Electron: `ipcMain.handle`
 * / `ipcRenderer.invoke` / `webContents.send` with Electron's semantics where they matter to Hako:
 * - arguments and results are copied with the structured clone algorithm (functions, symbols and class
 *   identity do not cross; an uncloneable argument fails the call in the renderer);
 * - one handler per channel; invoking a channel without one fails;
 * - the handler sees the sending frame (URL, main frame or not), which main must check;
 * - everything crosses asynchronously, as between processes.
 *
 * `registerContract` derives main's registrations from the contract the way the Electron shell does:
 * sender check, the dispatcher (schema check, handler, envelope), events held until `app.ready`.
 */
import { CALL_NAMES, channelOf, type EventName, type Envelope } from '../../app/ipc/contract.js';
import { type Transport } from '../../app/ipc/client.js';
import { type Dispatch } from '../../app/ipc/dispatch.js';
import { EventGate } from '../../main/ipc/event-gate.js';

export interface FakeFrame {
  readonly url: string;
  /** null for the main frame. */
  readonly parent: FakeFrame | null;
}

export interface FakeInvokeEvent {
  readonly sender: FakeWebContents;
  readonly senderFrame: FakeFrame | null;
}

type InvokeHandler = (event: FakeInvokeEvent, ...args: unknown[]) => unknown;
type RendererListener = (event: { readonly sender: FakeIpcRenderer }, ...args: unknown[]) => void;

const hop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class FakeIpcMain {
  readonly #handlers = new Map<string, InvokeHandler>();

  handle(channel: string, handler: InvokeHandler): void {
    if (this.#handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.#handlers.set(channel, handler);
  }

  removeHandler(channel: string): void {
    this.#handlers.delete(channel);
  }

  /** @internal what the renderer's invoke reaches. */
  handlerFor(channel: string): InvokeHandler | undefined {
    return this.#handlers.get(channel);
  }
}

/** One renderer: its web contents (main's view) and its ipcRenderer (the preload's view). */
export class FakeWebContents {
  readonly ipcRenderer: FakeIpcRenderer;
  #destroyed = false;

  constructor(
    readonly ipcMain: FakeIpcMain,
    readonly mainFrame: FakeFrame,
  ) {
    this.ipcRenderer = new FakeIpcRenderer(this);
  }

  isDestroyed(): boolean {
    return this.#destroyed;
  }

  destroy(): void {
    this.#destroyed = true;
  }

  /** Main → renderer, like `webContents.send`. */
  send(channel: string, ...args: unknown[]): void {
    if (this.#destroyed) return;
    const cloned = structuredClone(args);
    void hop().then(() => this.ipcRenderer.deliver(channel, cloned));
  }
}

export class FakeIpcRenderer {
  readonly #listeners = new Map<string, Set<RendererListener>>();

  constructor(readonly webContents: FakeWebContents) {}

  /** Renderer → main, like `ipcRenderer.invoke`, from the given frame (the main frame by default). */
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    return this.invokeFrom(this.webContents.mainFrame, channel, ...args);
  }

  async invokeFrom(frame: FakeFrame, channel: string, ...args: unknown[]): Promise<unknown> {
    const cloned = structuredClone(args); // throws DataCloneError in the renderer, as Electron does
    await hop();
    const handler = this.webContents.ipcMain.handlerFor(channel);
    if (handler === undefined) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
    let result: unknown;
    try {
      result = await handler({ sender: this.webContents, senderFrame: frame }, ...cloned);
    } catch (error) {
      await hop();
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`, { cause: error });
    }
    const answer = structuredClone(result);
    await hop();
    return answer;
  }

  on(channel: string, listener: RendererListener): this {
    let set = this.#listeners.get(channel);
    if (set === undefined) this.#listeners.set(channel, (set = new Set()));
    set.add(listener);
    return this;
  }

  removeListener(channel: string, listener: RendererListener): this {
    this.#listeners.get(channel)?.delete(listener);
    return this;
  }

  /** @internal */
  deliver(channel: string, args: unknown[]): void {
    for (const listener of [...(this.#listeners.get(channel) ?? [])]) listener({ sender: this }, ...args);
  }
}

export interface ContractRegistrationOptions {
  readonly dispatch: Dispatch;
  readonly events?: { subscribe(listener: (name: EventName, payload: unknown) => void): () => void };
  /** Main's sender check: our own origin, main frame only. */
  readonly isTrustedSender: (frame: FakeFrame) => boolean;
}

export interface ContractRegistration {
  /** A renderer that gets events (after its `app.ready`). */
  attach(webContents: FakeWebContents): void;
  dispose(): void;
}

const forbidden: Envelope<never> = { ok: false, error: { code: 'Forbidden', message: 'this frame may not use Hako’s IPC' } };

/** Main's side, derived from the contract: one handler per call, events per renderer behind a gate. */
export function registerContract(ipcMain: FakeIpcMain, options: ContractRegistrationOptions): ContractRegistration {
  const gates = new Map<FakeWebContents, EventGate<{ channel: string; payload: unknown }>>();
  const gateOf = (webContents: FakeWebContents) => {
    let gate = gates.get(webContents);
    if (gate === undefined) {
      gate = new EventGate(({ channel, payload }) => webContents.send(channel, payload));
      gates.set(webContents, gate);
    }
    return gate;
  };

  for (const name of CALL_NAMES) {
    ipcMain.handle(channelOf(name), async (event, ...args) => {
      const frame = event.senderFrame;
      if (frame === null || !options.isTrustedSender(frame)) return forbidden;
      const envelope = await options.dispatch(name, args[0]);
      if (name === 'app.ready' && envelope.ok) gateOf(event.sender).open();
      return envelope;
    });
  }

  const unsubscribe = options.events?.subscribe((name, payload) => {
    for (const [webContents, gate] of gates) {
      if (webContents.isDestroyed()) gates.delete(webContents);
      else gate.push({ channel: channelOf(name), payload });
    }
  });

  return {
    attach(webContents) {
      gateOf(webContents);
    },
    dispose() {
      unsubscribe?.();
      for (const name of CALL_NAMES) ipcMain.removeHandler(channelOf(name));
      gates.clear();
    },
  };
}

/** The preload's side: the `Transport` that `window.hako` is built on; listeners get only the payload. */
export function fakePreloadTransport(ipcRenderer: FakeIpcRenderer): Transport {
  return {
    invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<Envelope<unknown>>,
    subscribe(channel, listener) {
      const wrapped: RendererListener = (_event, payload) => listener(payload);
      ipcRenderer.on(channel, wrapped);
      return () => {
        ipcRenderer.removeListener(channel, wrapped);
      };
    },
  };
}
