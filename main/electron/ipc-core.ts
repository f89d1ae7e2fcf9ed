/**
 * The contract over Electron IPC, main side, written against the few members of Electron's `ipcMain`,
 * `IpcMainInvokeEvent` and `WebContents` it uses, so the same code runs with the real ones (ipc.ts) and
 * with the in-process fake (test/support/electron-fake.ts) in tests.
 *
 * For every call of the contract one handler on its channel: the sender must be Hako's window, its main
 * frame, on `app://hako` (VS Code's validatedIpcMain); then the shared dispatch parses the input
 * against the schema, runs the handler and answers with an envelope. Events wait behind a gate until the
 * renderer has invoked `app.ready`; a new document (reload, a window replaced after a crash) gets a new
 * gate and must say it is ready again.
 */
import { CALL_NAMES, channelOf, type Envelope } from '../../app/ipc/contract.js';
import type { Dispatch } from '../../app/ipc/dispatch.js';
import { isEventName } from '../../app/ipc/channels.js';
import { EventGate } from '../ipc/event-gate.js';
import { isTrustedSender } from './origin.js';

export interface FrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export interface WebContentsLike {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

export interface InvokeEventLike<W extends WebContentsLike> {
  readonly sender: W;
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike<W extends WebContentsLike> {
  handle(channel: string, handler: (event: InvokeEventLike<W>, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcLog {
  warn(message: string): void;
}

export interface IpcBridge<W extends WebContentsLike> {
  /** The renderer that may call and that receives events (replaces the previous one). */
  attach(contents: W): void;
  /** A new document loads in the attached renderer: it must say it is ready again (events wait). */
  renew(): void;
  /** Sends an event of the contract now, or once the renderer is ready; other names are ignored. */
  emit(name: string, payload: unknown): void;
  dispose(): void;
}

export const FORBIDDEN: Envelope<never> = { ok: false, error: { code: 'Forbidden', message: 'This sender may not call Hako.' } };

export function registerContractIpc<W extends WebContentsLike>(ipcMain: IpcMainLike<W>, dispatch: Dispatch, log: IpcLog): IpcBridge<W> {
  let target: W | null = null;
  const newGate = () =>
    new EventGate<{ channel: string; payload: unknown }>(({ channel, payload }) => {
      if (target !== null && !target.isDestroyed()) target.send(channel, payload);
    }, 1_000);
  let gate = newGate();

  for (const name of CALL_NAMES) {
    ipcMain.handle(channelOf(name), async (event, ...args) => {
      const frame = event.senderFrame;
      const trusted = isTrustedSender(
        frame === null ? null : { url: frame.url, isMainFrame: frame.parent === null, isOurWindow: target !== null && event.sender === target },
      );
      if (!trusted) {
        log.warn(`refused ${name} from an untrusted sender (${frame?.url.slice(0, 200) ?? 'no frame'})`);
        return FORBIDDEN;
      }
      const envelope = await dispatch(name, args[0]);
      if (name === 'app.ready' && envelope.ok) {
        if (gate.dropped > 0) log.warn(`${gate.dropped} events were dropped while the renderer was not ready`);
        gate.open();
      }
      return envelope;
    });
  }

  // Events still waiting for a renderer that never became ready are kept for the next one.
  const renew = () => {
    if (gate.ready) gate = newGate();
  };

  return {
    attach(contents) {
      target = contents;
      renew();
    },
    renew,
    emit(name, payload) {
      if (!isEventName(name)) {
        log.warn(`ignored an event outside the contract: ${String(name).slice(0, 100)}`);
        return;
      }
      gate.push({ channel: channelOf(name), payload });
    },
    dispose() {
      for (const name of CALL_NAMES) ipcMain.removeHandler(channelOf(name));
      target = null;
    },
  };
}
